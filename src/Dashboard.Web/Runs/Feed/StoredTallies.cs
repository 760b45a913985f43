using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Runs.Feed;

/// <summary>
/// A finished large run's timeline as the aggregated feed would have sent it: for each strategy
/// its last repetition's start, its spans counted per time bucket (<see cref="TaskTallies"/>),
/// its counter samples and its end. The spans are enumerated once, as the store decodes them, and
/// never held as a list; <see cref="Storage.RunTallyCache"/> keeps the result once per run.
/// </summary>
public static class StoredTallies
{
    public static IReadOnlyList<WireEvent> Events(RunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var events = new List<WireEvent>();
        long seq = 0;
        foreach (var result in run.Results.GroupBy(r => r.Strategy, StringComparer.Ordinal).Select(g => g.Last()))
        {
            events.Add(new WireEvent(++seq, WireEventConverter.StrategyStartedType, result.Strategy, result.Repetition, -1, null,
                0, 0, null, null, TaskCount: run.Plan.Parameters.TaskCount));
            var tallies = new TaskTallies();
            foreach (var span in result.Spans)
            {
                tallies.Count(result.Strategy, result.Repetition, TaskEventKind.Started, span.Start);
                tallies.Count(result.Strategy, result.Repetition, EndKind(span.Status), Math.Max(span.Start, span.End));
            }

            tallies.Flush(events, ref seq, 0);
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

    private static TaskEventKind EndKind(TaskStatus status) => status switch
    {
        TaskStatus.Ok => TaskEventKind.Completed,
        TaskStatus.Failed => TaskEventKind.Failed,
        _ => TaskEventKind.Cancelled,
    };
}
