using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// Replays a finished run's stored spans as the wire events timeline.js already understands, so a
/// run read back from the store (after a restart, or imported) draws exactly like a live one.
/// </summary>
public static class StoredTimeline
{
    /// <summary>
    /// For each strategy its last repetition (the one a live timeline ends on): strategy-started,
    /// then every span's start and end in time order (or, <paramref name="aggregated"/>, the spans
    /// counted per 50 ms bucket as tallies, as the live feed of a large run sends them: the spans
    /// are enumerated once, as the store decodes them, never held), its counter samples, then
    /// strategy-completed with the result.
    /// </summary>
    public static IReadOnlyList<WireEvent> Events(RunSummary run, bool aggregated = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        var events = new List<WireEvent>();
        long seq = 0;
        var last = run.Results
            .GroupBy(r => r.Strategy, StringComparer.Ordinal)
            .Select(g => g.Last());
        foreach (var result in last)
        {
            events.Add(new WireEvent(++seq, WireEventConverter.StrategyStartedType, result.Strategy, result.Repetition, -1, null,
                0, 0, null, null, TaskCount: run.Plan.Parameters.TaskCount));

            if (aggregated)
            {
                AddTallies(events, ref seq, result);
            }
            else
            {
                AddSpans(events, ref seq, result.Strategy, result.Repetition, result.Spans, 0);
            }

            foreach (var sample in result.Counters ?? [])
            {
                events.Add(new WireEvent(++seq, WireEventConverter.CountersType, result.Strategy, result.Repetition, -1, null,
                    sample.T, 0, null, null, Counters: sample));
            }

            events.Add(new WireEvent(++seq, WireEventConverter.StrategyCompletedType, result.Strategy, result.Repetition, -1, null,
                result.WallSeconds, 0, null, null, Result: result));
        }

        return events;
    }

    /// <summary>
    /// A drill-down window as a repetition of its own for the detailed timeline: its spans' start
    /// and end, times from <paramref name="origin"/> (the window's start), then the strategy's end
    /// with the window's spans (their threads and splits) and the window's last end as its wall.
    /// </summary>
    public static IReadOnlyList<WireEvent> Window(TaskWindowResult window, double origin)
    {
        ArgumentNullException.ThrowIfNull(window);
        var events = new List<WireEvent>(window.Spans.Count * 2 + 2);
        long seq = 0;
        events.Add(new WireEvent(++seq, WireEventConverter.StrategyStartedType, window.Strategy, window.Repetition, -1, null,
            0, 0, null, null, TaskCount: window.Spans.Count));
        AddSpans(events, ref seq, window.Strategy, window.Repetition, window.Spans, origin);
        var end = window.Spans.Count == 0 ? 0 : window.Spans.Max(s => Math.Max(s.Start, s.End)) - origin;
        events.Add(new WireEvent(++seq, WireEventConverter.StrategyCompletedType, window.Strategy, window.Repetition, -1, null,
            end, 0, null, null, Result: window.Result with { Spans = window.Spans, WallSeconds = end }));
        return events;
    }

    // Starts and ends interleaved by time, an end before a start at the same instant: the
    // timeline reuses a sub-row only once its bar has ended, as it does live.
    private static void AddSpans(List<WireEvent> events, ref long seq, string strategy, int repetition, IReadOnlyList<TaskSpan> spans, double origin)
    {
        var moments = new List<(double Time, bool IsEnd, TaskSpan Span)>(spans.Count * 2);
        foreach (var span in spans)
        {
            moments.Add((span.Start - origin, false, span));
            moments.Add((Math.Max(span.Start, span.End) - origin, true, span));
        }

        moments.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : b.IsEnd.CompareTo(a.IsEnd));
        foreach (var (time, isEnd, span) in moments)
        {
            events.Add(new WireEvent(++seq, WireEventConverter.TaskType, strategy, repetition, span.Task,
                isEnd ? EndKind(span.Status) : "started", time, 0, span.Lane.ToString(), isEnd ? span.Detail : null, Node: span.Node));
        }
    }

    private static void AddTallies(List<WireEvent> events, ref long seq, StrategyResult result)
    {
        var tallies = new TaskTallies();
        foreach (var span in result.Spans)
        {
            tallies.Count(result.Strategy, result.Repetition, TaskEventKind.Started, span.Start);
            tallies.Count(result.Strategy, result.Repetition, EndEvent(span.Status), Math.Max(span.Start, span.End));
        }

        tallies.Flush(events, ref seq, 0);
    }

    private static TaskEventKind EndEvent(TaskStatus status) => status switch
    {
        TaskStatus.Ok => TaskEventKind.Completed,
        TaskStatus.Failed => TaskEventKind.Failed,
        _ => TaskEventKind.Cancelled,
    };

    /// <summary>
    /// The dashboard process that ran it: where the in-process strategies' tasks ran. Null when
    /// only strategies placed elsewhere ran (then lanes are labelled by pid:tid alone).
    /// </summary>
    public static int? MainProcessId(RunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Results
            .Where(r => StrategyCatalog.PlacementOf(r.Strategy) == StrategyPlacement.InProcess)
            .SelectMany(r => r.Spans)
            .Select(s => (int?)s.Lane.ProcessId)
            .FirstOrDefault();
    }

    private static string EndKind(TaskStatus status) => status switch
    {
        TaskStatus.Ok => "completed",
        TaskStatus.Failed => "failed",
        _ => "cancelled",
    };
}
