namespace Dashboard.Engine.Strategies;

/// <summary>
/// A pool too small for the plan, on purpose: every task is queued to the .NET thread pool and
/// runs the workload's blocking form there. The pool starts with one thread per core and adds
/// threads slowly (about one or two a second) when queued work makes no progress; the runtime
/// reports each thread it adds that way as starvation (the <c>pool-starvation</c> warning).
/// </summary>
internal sealed class StarvedPoolStrategy : IStrategy
{
    /// <summary>A lesson: it starves the whole process's thread pool (the app's own included), so never part of "all".</summary>
    public static StrategyDescriptor Descriptor { get; } = new()
    {
        Id = StrategyIds.StarvedPool,
        Name = "starved-pool",
        Hint = _ => "The anti-pattern, on purpose: each task blocks a .NET thread-pool thread, and the pool starts with one thread per core. Symptom: the pool-starvation warning.",
        Placement = StrategyPlacement.InProcess,
        Concurrency = Concurrency.BlocksPoolThreads,
        Membership = StrategyMembership.Lesson,
        Lanes = q => Math.Min(q.Tasks, q.Cores),
        QueueReason = (_, cores) => $"the thread pool's {cores} starting threads",
        TaskLimit = ThreadsStrategy.Descriptor.TaskLimit,
        Create = () => new StarvedPoolStrategy(),
    };

    public string Id => Descriptor.Id;

    public Task RunAsync(StrategyContext context)
    {
        var tasks = new Task[context.TaskCount];
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = i;
            tasks[i] = Task.Run(() =>
            {
                if (!context.CancellationToken.IsCancellationRequested)
                {
                    context.RunBlocking(task); // else the runner ends it as cancelled
                }
            }, CancellationToken.None);
        }

        return Task.WhenAll(tasks);
    }
}
