using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Workloads;

/// <summary>What one task gets while it runs: its index, cancellation and a way to report progress.</summary>
public sealed class TaskContext
{
    // One of the two, or neither: the task loop hands its observer straight in, so a task costs no
    // delegate and no closure (a million tasks in flight hold a million contexts).
    private readonly Action<string>? _progress;
    private readonly ITaskLoopObserver? _observer;

    public TaskContext(int task, Action<string>? progress, CancellationToken cancellationToken)
    {
        Task = task;
        _progress = progress;
        CancellationToken = cancellationToken;
    }

    private TaskContext(ITaskLoopObserver observer, int task, long started, CancellationToken cancellationToken)
    {
        Task = task;
        _observer = observer;
        CancellationToken = cancellationToken;
        Started = started;
    }

    /// <summary>A task's context whose progress goes straight to <paramref name="observer"/>.</summary>
    internal static TaskContext Of(int task, ITaskLoopObserver observer, CancellationToken cancellationToken) =>
        new(observer, task, 0, cancellationToken);

    /// <summary>
    /// A task's context whose progress goes straight to <paramref name="observer"/>, for a task
    /// whose start was stamped <paramref name="started"/> (a <see cref="Running.MonotonicClock"/>
    /// reading) just before its work begins.
    /// </summary>
    internal static TaskContext Of(int task, ITaskLoopObserver observer, long started, CancellationToken cancellationToken) =>
        new(observer, task, started, cancellationToken);

    public int Task { get; }

    /// <summary>
    /// The task's start as its loop stamped it (a <see cref="Running.MonotonicClock"/> reading taken
    /// on this thread just before the task's work began), or 0 when not given: a wait measured from
    /// it needs no clock reading of its own, and never ends before the task has waited its time.
    /// </summary>
    internal long Started { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Reports progress that means something (e.g. "bytes 40960"); cheap when nobody listens.</summary>
    public void ReportProgress(string detail)
    {
        if (_observer is not null)
        {
            _observer.Progress(Task, detail);
        }
        else
        {
            _progress?.Invoke(detail);
        }
    }
}
