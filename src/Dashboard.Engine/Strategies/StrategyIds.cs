namespace Dashboard.Engine.Strategies;

/// <summary>The strategies' ids, in the order the dashboard shows them.</summary>
public static class StrategyIds
{
    public const string Sequential = "sequential";
    public const string Threads = "threads";
    public const string ThreadPool = "threadpool";
    public const string Async = "async";
    public const string Parallel = "parallel";
    public const string Processes = "processes";
    public const string AsyncProcesses = "async-processes";

    /// <summary>The anti-pattern on purpose: each task blocks a pool thread on the async form.</summary>
    public const string SyncOverAsync = "sync-over-async";

    public static IReadOnlyList<string> All { get; } =
        [Sequential, Threads, ThreadPool, Async, Parallel, Processes, AsyncProcesses, SyncOverAsync];

    public static bool IsKnown(string id) => All.Contains(id, StringComparer.Ordinal);
}
