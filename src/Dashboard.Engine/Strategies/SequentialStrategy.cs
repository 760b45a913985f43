namespace Dashboard.Engine.Strategies;

/// <summary>A plain loop over the blocking form on one dedicated thread (the tutorial's sync.py).</summary>
internal sealed class SequentialStrategy : IStrategy
{
    public string Id => StrategyIds.Sequential;

    public Task RunAsync(StrategyContext context) =>
        DedicatedThread.RunAsync("lab sequential", context.BackgroundPriority, () =>
        {
            for (var task = 0; task < context.TaskCount; task++)
            {
                // RunBlocking checks the token first, so after a cancel the rest end as cancelled at once.
                context.RunBlocking(task);
            }
        });
}
