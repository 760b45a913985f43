using Dashboard.Engine.Running;

namespace Dashboard.Engine.Workers;

/// <summary>One task event inside a worker; the lane is the worker's pid and <paramref name="ThreadId"/>.</summary>
/// <param name="Timestamp">A <see cref="MonotonicClock"/> reading taken in the worker (same clock as the parent).</param>
/// <param name="ProcessId">
/// The process the task ran in when it is not the one the parent started (the Python twins'
/// process pools); null = the started process.
/// </param>
public sealed record WorkerTaskMessage(
    int Task,
    TaskEventKind Kind,
    long Timestamp,
    int ThreadId,
    string? Detail = null,
    int? ProcessId = null) : WorkerMessage;
