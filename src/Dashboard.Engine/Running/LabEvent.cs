namespace Dashboard.Engine.Running;

/// <summary>Everything a run reports while it goes, in the order it happened.</summary>
public abstract record LabEvent;

/// <summary>What happened to one task.</summary>
public enum TaskEventKind
{
    Queued,
    Started,
    Progress,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// One thing that happened to one task of one strategy repetition.
/// <paramref name="Timestamp"/> is a <see cref="MonotonicClock"/> reading.
/// <paramref name="Detail"/> is the failure reason, the progress note or the task's output summary.
/// <paramref name="Node"/> is the lab node (silo name) that ran it, for the cluster strategy; else null.
/// </summary>
public sealed record TaskEvent(
    string Strategy,
    int Repetition,
    int Task,
    TaskEventKind Kind,
    long Timestamp,
    Lane Lane,
    string? Detail = null,
    string? Node = null) : LabEvent;

/// <summary>A strategy repetition begins; task spans are measured from <paramref name="Timestamp"/>.</summary>
/// <param name="Repetition">Zero-based; warmup repetitions are negative (-1, -2, ...).</param>
public sealed record StrategyStarted(
    string Strategy,
    int Repetition,
    int TaskCount,
    long Timestamp) : LabEvent;

/// <summary>A strategy repetition ended (ok, failed or cancelled) with its measured result.</summary>
public sealed record StrategyCompleted(StrategyResult Result) : LabEvent;

/// <summary>One counter sample of one process while a strategy repetition runs.</summary>
public sealed record CountersSampled(string Strategy, int Repetition, CounterSample Sample) : LabEvent;
