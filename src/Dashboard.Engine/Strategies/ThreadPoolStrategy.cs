namespace Dashboard.Engine.Strategies;

/// <summary>
/// A fixed number of dedicated worker threads pulling task indices from a shared queue, like
/// Python's ThreadPoolExecutor (default min(32, cores + 4) workers). Not the .NET thread pool:
/// that one grows on its own and serves the web server.
/// </summary>
internal sealed class ThreadPoolStrategy : IStrategy
{
    public static StrategyDescriptor Descriptor { get; } = new()
    {
        Id = StrategyIds.ThreadPool,
        Name = "thread pool",
        Hint = o => $"{o.EffectiveThreadPoolSize} worker threads pull tasks (Python's ThreadPoolExecutor size).",
        Placement = StrategyPlacement.InProcess,
        Concurrency = Concurrency.FixedThreads,
        Size = new(StrategyKnobs.ThreadPoolSize, "workers"),
        Lanes = q => StrategyKnobs.ThreadPoolSize.Value(q.Options, q.Cores)!.Value,
        QueueReason = (_, _) => "its pool size",
        Twin = new()
        {
            Name = "Python thread pool",
            Hint = o => $"ThreadPoolExecutor with {o.EffectiveThreadPoolSize} workers.",
            GilBound = true,
        },
        Create = () => new ThreadPoolStrategy(),
    };

    public string Id => Descriptor.Id;

    public Task RunAsync(StrategyContext context)
    {
        var workers = Math.Min(context.Options.EffectiveThreadPoolSize, context.TaskCount);
        var next = -1;
        var threads = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            threads[w] = DedicatedThread.RunAsync($"lab pool {w}", context.BackgroundPriority, () =>
            {
                int task;
                while ((task = Interlocked.Increment(ref next)) < context.TaskCount)
                {
                    if (context.CancellationToken.IsCancellationRequested)
                    {
                        return; // the runner ends the rest as cancelled
                    }

                    context.RunBlocking(task);
                }
            });
        }

        return Task.WhenAll(threads);
    }
}
