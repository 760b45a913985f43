using Dashboard.Engine.Running;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// Hears what happens to each task <see cref="TaskLoop"/> runs, on the thread the task runs on:
/// in process the strategy's recorder, in a worker process the protocol's messages to the parent.
/// </summary>
public interface ITaskLoopObserver
{
    /// <summary>
    /// The task starts now on the calling thread. Returns the times its segments add up in (the
    /// loop follows them from thread to thread: <see cref="TaskFlow"/>), or null to follow none.
    /// </summary>
    TaskTimes? Started(int task);

    /// <summary>The task reports progress that means something (e.g. "bytes 40960").</summary>
    void Progress(int task, string detail);

    /// <summary>The task ended: Completed (detail = its output), Failed (the reason) or Cancelled.</summary>
    void Ended(int task, TaskEventKind kind, string? detail);
}
