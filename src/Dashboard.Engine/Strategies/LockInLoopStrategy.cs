namespace Dashboard.Engine.Strategies;

/// <summary>
/// A shared lock in the hot path, on purpose: one thread per task, as <c>threads</c>, but every
/// task holds one lock shared by all of them while it works. The threads take turns, however many
/// there are, and the runtime's contention events count every wait (the <c>lock-contention</c> warning).
/// </summary>
internal sealed class LockInLoopStrategy : IStrategy
{
    /// <summary>A lesson: never part of "all".</summary>
    public static StrategyDescriptor Descriptor { get; } = new()
    {
        Id = StrategyIds.LockInLoop,
        Name = "lock-in-loop",
        Hint = _ => "The anti-pattern, on purpose: a thread per task, each holding one shared lock while it works, so the threads take turns. Symptom: the lock-contention warning.",
        Placement = StrategyPlacement.InProcess,
        Concurrency = Concurrency.TakesTurnsOnLock,
        Membership = StrategyMembership.Lesson,
        Lanes = _ => 1,
        QueueReason = (_, _) => "one shared lock",
        TaskLimit = ThreadsStrategy.Descriptor.TaskLimit,
        Create = () => new LockInLoopStrategy(),
    };

    public string Id => Descriptor.Id;

    public Task RunAsync(StrategyContext context)
    {
        // A Monitor lock (not System.Threading.Lock) because its waits raise the runtime's contention events the finder reads.
        var shared = new object();
        return ThreadsStrategy.StartAndJoin(context, task =>
        {
            lock (shared)
            {
                context.RunBlocking(task);
            }
        });
    }
}
