namespace Dashboard.Engine.Strategies;

/// <summary>
/// The async form for every task at once, then Task.WhenAll (asyncio.gather), optionally capped
/// by a semaphore (<see cref="TaskLoop.RunAllAsync"/>, the loop worker processes run too). Tasks
/// are started from one dedicated thread, so a workload whose async form is really synchronous
/// (CPU-bound) runs one task after another: the lesson, not a bug.
/// </summary>
internal sealed class AsyncStrategy : IStrategy
{
    public static StrategyDescriptor Descriptor { get; } = new()
    {
        Id = StrategyIds.Async,
        Name = "async",
        Hint = o => o.AsyncCap is { } cap
            ? $"All tasks awaited together, at most {cap} at a time; a wait holds no thread."
            : "All tasks awaited together with Task.WhenAll; a wait holds no thread.",
        Placement = StrategyPlacement.InProcess,
        Concurrency = Concurrency.Awaits,
        Size = new(StrategyKnobs.AsyncCap, "cap"),

        // CPU-bound async runs one task after another on one thread: the lesson.
        Lanes = q => q.CpuBound ? 1 : q.Options.AsyncCap ?? q.Tasks,
        Twin = new() { Name = "Python async", Hint = _ => "asyncio.gather over every task (aiohttp, aiofiles) on one thread." },
        Create = () => new AsyncStrategy(),
    };

    public string Id => Descriptor.Id;

    public async Task RunAsync(StrategyContext context)
    {
        Task? all = null;
        await DedicatedThread.RunAsync("lab async", context.BackgroundPriority, () =>
        {
            // Every index is already in the reader, so every task starts before this returns.
            all = TaskLoop.RunAllAsync(context.Workload, TaskLoop.Range(context.TaskCount),
                context.Options.AsyncCap, context, context.CancellationToken);
        }).ConfigureAwait(false);
        await all!.ConfigureAwait(false);
    }
}
