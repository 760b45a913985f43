namespace Dashboard.Engine.Strategies;

/// <summary>
/// How a strategy has its tasks going at once, in each place it runs (<see cref="StrategyPlacement"/>):
/// the fact Explain reasons from when it compares strategies.
/// </summary>
public enum Concurrency
{
    /// <summary>One task after another (per place: each worker process runs its share one by one).</summary>
    OneAtATime,

    /// <summary>A thread of its own for every task; blocking waits sit side by side.</summary>
    ThreadPerTask,

    /// <summary>A fixed number of tasks at a time, each on a thread (a pool's workers, a parallel degree).</summary>
    FixedThreads,

    /// <summary>Tasks await together; a wait holds no thread.</summary>
    Awaits,

    /// <summary>Each task blocks a pool thread on its async form (the sync-over-async anti-pattern).</summary>
    BlocksOnAsync,

    /// <summary>A thread per task, but every task holds one shared lock while it works: the threads take turns (a lesson).</summary>
    TakesTurnsOnLock,

    /// <summary>
    /// Each task blocks a thread of the .NET thread pool, which starts with one thread per core (a
    /// lesson: starved-pool in process; blocking-grain on lab nodes, where Orleans runs grain turns on the pool).
    /// </summary>
    BlocksPoolThreads,
}
