namespace Dashboard.Engine.Strategies;

/// <summary>
/// The classic mistake, on purpose: every task is queued to the thread pool and blocks a pool
/// thread on the async form (<c>.GetAwaiter().GetResult()</c>). The blocked threads wait for
/// continuations that need pool threads themselves, so the pool's queue grows and the runtime
/// injects threads slowly: the counters show the queue and the climbing thread count.
/// </summary>
internal sealed class SyncOverAsyncStrategy : IStrategy
{
    /// <summary>A lesson: it starves the whole process's thread pool (the app's own included), so never part of "all".</summary>
    public static StrategyDescriptor Descriptor { get; } = new()
    {
        Id = StrategyIds.SyncOverAsync,
        Name = "sync-over-async",
        Hint = _ => "The anti-pattern, on purpose: each task blocks a pool thread on the async form (.GetAwaiter().GetResult()); the pool starves. Watch its counters.",
        Placement = StrategyPlacement.InProcess,
        Concurrency = Concurrency.BlocksOnAsync,
        Membership = StrategyMembership.Lesson,
        Create = () => new SyncOverAsyncStrategy(),
    };

    public string Id => Descriptor.Id;

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
