namespace Dashboard.Engine.Strategies;

/// <summary>
/// The async form for every task at once, then Task.WhenAll (asyncio.gather), optionally capped
/// by a semaphore (<see cref="TaskLoop.RunAllAsync"/>, the loop worker processes run too). Tasks
/// are started from one dedicated thread, so a workload whose async form is really synchronous
/// (CPU-bound) runs one task after another: the lesson, not a bug.
/// </summary>
internal sealed class AsyncStrategy : IStrategy
{
    public string Id => StrategyIds.Async;

    public async Task RunAsync(StrategyContext context)
    {
        Task? all = null;
        await DedicatedThread.RunAsync("lab async", context.BackgroundPriority, () =>
        {
            // Every index is already in the reader, so every task starts before this returns.
            all = TaskLoop.RunAllAsync(context.Workload, TaskLoop.Of(Enumerable.Range(0, context.TaskCount)),
                context.Options.AsyncCap, context, context.CancellationToken);
        }).ConfigureAwait(false);
        await all!.ConfigureAwait(false);
    }
}
