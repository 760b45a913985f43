namespace Dashboard.Engine.Strategies;

/// <summary>
/// The strategies' ids. What each one is, and which exist, is <see cref="StrategyCatalog"/>'s to say:
/// these names only let a strategy's own descriptor, and a fact that names another strategy, spell it once.
/// </summary>
public static class StrategyIds
{
    public const string Sequential = "sequential";
    public const string Threads = "threads";
    public const string ThreadPool = "threadpool";
    public const string Async = "async";
    public const string Parallel = "parallel";
    public const string Processes = "processes";
    public const string AsyncProcesses = "async-processes";
    public const string Cluster = "cluster";

    /// <summary>The anti-pattern on purpose: each task blocks a pool thread on the async form.</summary>
    public const string SyncOverAsync = "sync-over-async";

    /// <summary>A lesson: a thread per task, every task holding one shared lock while it works.</summary>
    public const string LockInLoop = "lock-in-loop";

    /// <summary>A lesson: every task blocks a .NET thread-pool thread, more tasks than the pool has threads.</summary>
    public const string StarvedPool = "starved-pool";

    /// <summary>A lesson: the cluster, but each task's grain blocks inside its turn instead of awaiting.</summary>
    public const string BlockingGrain = "blocking-grain";
}
