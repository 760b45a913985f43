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
    public const string Cluster = "cluster";

    /// <summary>The anti-pattern on purpose: each task blocks a pool thread on the async form.</summary>
    public const string SyncOverAsync = "sync-over-async";

    /// <summary>
    /// The seven strategies that run on this machine alone: what "all" means for a run, the bench and
    /// the form's default. <see cref="Cluster"/> needs lab nodes, so a person picks it explicitly.
    /// </summary>
    public static IReadOnlyList<string> All { get; } =
        [Sequential, Threads, ThreadPool, Async, Parallel, Processes, AsyncProcesses];

    /// <summary>
    /// Strategies that teach by failing on purpose; never part of "all" (sync-over-async starves the
    /// whole process's thread pool, the app's own included), chosen by name only.
    /// </summary>
    public static IReadOnlyList<string> Lessons { get; } = [SyncOverAsync];

    /// <summary>Every strategy a plan may name: <see cref="All"/>, <see cref="Cluster"/>, then <see cref="Lessons"/>.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. All, Cluster, .. Lessons];

    public static bool IsKnown(string id) => Known.Contains(id, StringComparer.Ordinal);
}
