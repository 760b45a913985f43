namespace Dashboard.Engine.Strategies;

/// <summary>
/// The classic mistake, on purpose: every task is queued to the thread pool and blocks a pool
/// thread on the async form (<c>.GetAwaiter().GetResult()</c>). The blocked threads wait for
/// continuations that need pool threads themselves, so the pool's queue grows and the runtime
/// injects threads slowly: the counters show the queue and the climbing thread count.
/// </summary>
internal sealed class SyncOverAsyncStrategy : IStrategy
{
    public string Id => StrategyIds.SyncOverAsync;

    public Task RunAsync(StrategyContext context)
    {
        var tasks = new Task[context.TaskCount];
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = i;
            tasks[i] = Task.Run(() => context.RunAsync(task).GetAwaiter().GetResult(), CancellationToken.None);
        }

        return Task.WhenAll(tasks);
    }
}
