namespace Dashboard.Engine.Strategies;

/// <summary>
/// The async form for every task at once, then Task.WhenAll (asyncio.gather), optionally capped
/// by a semaphore. Tasks are started from one dedicated thread, so a workload whose async form is
/// really synchronous (CPU-bound) runs one task after another: the lesson, not a bug.
/// </summary>
internal sealed class AsyncStrategy : IStrategy
{
    public string Id => StrategyIds.Async;

    public async Task RunAsync(StrategyContext context)
    {
        var tasks = new Task[context.TaskCount];
        using var cap = context.Options.AsyncCap is { } limit ? new SemaphoreSlim(limit, limit) : null;
        await DedicatedThread.RunAsync("lab async", context.BackgroundPriority, () =>
        {
            for (var task = 0; task < context.TaskCount; task++)
            {
                tasks[task] = cap is null ? context.RunAsync(task) : RunCappedAsync(context, cap, task);
            }
        }).ConfigureAwait(false);
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static async Task RunCappedAsync(StrategyContext context, SemaphoreSlim cap, int task)
    {
        try
        {
            await cap.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // never started: the runner ends it as cancelled
        }

        try
        {
            await context.RunAsync(task).ConfigureAwait(false);
        }
        finally
        {
            cap.Release();
        }
    }
}
