using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Feed;

/// <summary>
/// Turns one run's <see cref="LabEvent"/>s into <see cref="WireEvent"/>s. Not thread-safe: one per run,
/// used by that run's single fan-out. Strategy events carry Task = -1.
/// </summary>
public sealed class WireEventConverter(double wallClockOffsetMs)
{
    public const string StrategyStartedType = "strategy-started";
    public const string TaskType = "task";
    public const string StrategyCompletedType = "strategy-completed";
    public const string CountersType = "counters";
    public const string TallyType = "tally";

    private static readonly double MsPerTick = 1000.0 / MonotonicClock.Frequency;
    private readonly Dictionary<(string Strategy, int Repetition), long> _starts = [];

    // Lanes repeat thousands of times per run; format each once.
    private readonly Dictionary<Lane, string> _laneNames = [];
    private long _runStart = MonotonicClock.Now;

    /// <summary>Unix milliseconds minus monotonic milliseconds, captured once so both clocks agree for a whole run.</summary>
    public static double CaptureWallClockOffset(TimeProvider time) =>
        (time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds - (MonotonicClock.Now * MsPerTick);

    /// <summary>Unix milliseconds of a monotonic timestamp.</summary>
    public double WallMs(long timestamp) => Math.Round(wallClockOffsetMs + (timestamp * MsPerTick), 3);

    /// <summary>Marks where the run began: task times before any StrategyStarted are measured from here.</summary>
    public void RunStarted(long timestamp) => _runStart = timestamp;

    public WireEvent Convert(LabEvent labEvent, long seq)
    {
        switch (labEvent)
        {
            case StrategyStarted started:
                _starts[(started.Strategy, started.Repetition)] = started.Timestamp;
                return new WireEvent(seq, StrategyStartedType, started.Strategy, started.Repetition, -1, null,
                    0, WallMs(started.Timestamp), null, null, TaskCount: started.TaskCount);
            case TaskEvent task:
                return new WireEvent(seq, TaskType, task.Strategy, task.Repetition, task.Task, KindName(task.Kind),
                    SecondsSinceStart(task.Strategy, task.Repetition, task.Timestamp), WallMs(task.Timestamp),
                    LaneName(task.Lane), task.Detail, Node: task.Node);
            case StrategyCompleted completed:
                // The engine stamps no time on completion; the moment we see it is close enough for a timeline end.
                var now = MonotonicClock.Now;
                var result = completed.Result;
                return new WireEvent(seq, StrategyCompletedType, result.Strategy, result.Repetition, -1, null,
                    SecondsSinceStart(result.Strategy, result.Repetition, now), WallMs(now), null, null,
                    Result: result);
            case CountersSampled counters:
                return new WireEvent(seq, CountersType, counters.Strategy, counters.Repetition, -1, null,
                    counters.Sample.T, WallMs(MonotonicClock.Now), null, null, Counters: counters.Sample);
            default:
                throw new ArgumentException($"Unknown lab event {labEvent.GetType().Name}.", nameof(labEvent));
        }
    }

    /// <summary>Seconds since <paramref name="task"/>'s strategy repetition started (what a task event's Time says).</summary>
    public double SecondsSinceStart(TaskEvent task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return SecondsSinceStart(task.Strategy, task.Repetition, task.Timestamp);
    }

    /// <summary>Unix milliseconds now, on the run's clock.</summary>
    public double WallMsNow() => WallMs(MonotonicClock.Now);

    public static string KindName(TaskEventKind kind) => kind switch
    {
        TaskEventKind.Queued => "queued",
        TaskEventKind.Started => "started",
        TaskEventKind.Progress => "progress",
        TaskEventKind.Completed => "completed",
        TaskEventKind.Failed => "failed",
        TaskEventKind.Cancelled => "cancelled",
        _ => kind.ToString().ToLowerInvariant(),
    };

    // Microseconds are plenty for a timeline and keep the JSON short.
    private double SecondsSinceStart(string strategy, int repetition, long timestamp) =>
        Math.Round(MonotonicClock.Seconds(_starts.TryGetValue((strategy, repetition), out var start) ? start : _runStart, timestamp), 6);

    private string LaneName(Lane lane)
    {
        if (!_laneNames.TryGetValue(lane, out var name))
        {
            _laneNames[lane] = name = lane.ToString();
        }

        return name;
    }
}
