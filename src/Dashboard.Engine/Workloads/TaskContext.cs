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

    private TaskContext(ITaskLoopObserver observer, int task, CancellationToken cancellationToken)
    {
        Task = task;
        _observer = observer;
        CancellationToken = cancellationToken;
    }

    /// <summary>A task's context whose progress goes straight to <paramref name="observer"/>.</summary>
    internal static TaskContext Of(int task, ITaskLoopObserver observer, CancellationToken cancellationToken) =>
        new(observer, task, cancellationToken);

    public int Task { get; }

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
