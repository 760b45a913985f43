using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// What every task of one async loop (<see cref="TaskLoop.RunAllAsync"/>) shares: the workload,
/// whether its async form is one wait, the observer, the token and the cap. Each task's async
/// method holds one reference to it, not five fields: a million tasks in flight hold a million
/// async boxes, so every field of theirs counts.
/// </summary>
internal sealed class AsyncTaskLoop(IWorkload workload, ITaskLoopObserver observer, SemaphoreSlim? limit, CancellationToken cancellationToken)
{
    public IWorkload Workload { get; } = workload;

    /// <summary>The workload's <see cref="IWorkload.AsyncIsOneWait"/>, asked once.</summary>
    public bool OneWait { get; } = workload.AsyncIsOneWait;

    public ITaskLoopObserver Observer { get; } = observer;

    /// <summary>The cap on tasks in flight; null when there is none.</summary>
    public SemaphoreSlim? Limit { get; } = limit;

    public CancellationToken CancellationToken { get; } = cancellationToken;
}
