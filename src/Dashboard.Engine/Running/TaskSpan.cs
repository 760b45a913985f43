namespace Dashboard.Engine.Running;

/// <summary>Final state of one task.</summary>
public enum TaskStatus
{
    Ok,
    Failed,
    Cancelled,
}

/// <summary>
/// One task's bar on a timeline. <see cref="Start"/> and <see cref="End"/> are seconds since
/// the strategy repetition started. <see cref="Node"/> names the lab node (silo) for the cluster
/// strategy; null elsewhere.
/// </summary>
public sealed record TaskSpan(int Task, Lane Lane, double Start, double End, TaskStatus Status, string? Detail = null, string? Node = null)
{
    /// <summary>
    /// Every thread the task ran on, in order, each resumption on another thread adding one entry
    /// (one entry when it never left its thread); null when not recorded.
    /// </summary>
    public IReadOnlyList<int>? Threads { get; init; }

    /// <summary>
    /// Seconds the task's threads spent on a core running it (their own CPU clocks, user and
    /// system, summed over its segments); null when not measured (lab nodes, older runs).
    /// </summary>
    public double? Cpu { get; init; }

    /// <summary>
    /// Seconds the task was runnable but not running: in the OS run queue waiting for a core,
    /// (Python threads) waiting for the GIL, or its continuation due but not yet run where the due
    /// moment is known (<see cref="Statistics.TimeSplit"/>); null when not measured. The rest of the span,
    /// <see cref="Wait"/>, went to waiting on I/O, timers and locks.
    /// </summary>
    public double? Ready { get; init; }

    /// <summary>
    /// Seconds the task spent travelling between processes outside its span: handed to a worker
    /// (when pulled) and its result's way back; null in process.
    /// </summary>
    public double? Transfer { get; init; }

    /// <summary>
    /// The task's stretches on threads in order (the first <see cref="TaskTimes.MaxSegments"/>);
    /// null when not recorded. Consecutive segments on different threads are a hop.
    /// </summary>
    public IReadOnlyList<TaskSegment>? Segments { get; init; }

    /// <summary>The span less <see cref="Cpu"/> and <see cref="Ready"/> (never below 0); null when not measured.</summary>
    public double? Wait => Cpu is { } cpu ? Math.Max(0, Math.Round(End - Start - cpu - (Ready ?? 0), 6)) : null;

    /// <summary>Why the task failed (its detail); null unless it failed. Every export writes it as <c>error</c>.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public string? Error => Status != TaskStatus.Failed ? null : string.IsNullOrWhiteSpace(Detail) ? Findings.FailuresFinder.NoReason : Detail;
}
