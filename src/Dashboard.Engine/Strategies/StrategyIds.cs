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

    /// <summary>
    /// The seven strategies that run on this machine alone: what "all" means for a run, the bench and
    /// the form's default. <see cref="Cluster"/> needs lab nodes, so a person picks it explicitly.
    /// </summary>
    public static IReadOnlyList<string> All { get; } =
        [Sequential, Threads, ThreadPool, Async, Parallel, Processes, AsyncProcesses];

    /// <summary>Every strategy a plan may name: <see cref="All"/> and <see cref="Cluster"/>.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. All, Cluster];

    public static bool IsKnown(string id) => Known.Contains(id, StringComparer.Ordinal);
}
