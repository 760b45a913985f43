namespace Dashboard.Engine.Strategies;

/// <summary>A plain loop over the blocking form on one dedicated thread (the tutorial's sync.py).</summary>
internal sealed class SequentialStrategy : IStrategy
{
    public string Id => StrategyIds.Sequential;

    // RunBlocking checks the token first, so after a cancel the rest end as cancelled at once.
    public Task RunAsync(StrategyContext context) =>
        DedicatedThread.RunAsync("lab sequential", context.BackgroundPriority, () =>
            TaskLoop.RunSequential(context.Workload, TaskLoop.Of(Enumerable.Range(0, context.TaskCount)), context, context.CancellationToken));
}
