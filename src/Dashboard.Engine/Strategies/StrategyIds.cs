namespace Dashboard.Engine.Strategies;

/// <summary>The seven strategies' ids, in the order the dashboard shows them.</summary>
public static class StrategyIds
{
    public const string Sequential = "sequential";
    public const string Threads = "threads";
    public const string ThreadPool = "threadpool";
    public const string Async = "async";
    public const string Parallel = "parallel";
    public const string Processes = "processes";
    public const string AsyncProcesses = "async-processes";

    public static IReadOnlyList<string> All { get; } =
        [Sequential, Threads, ThreadPool, Async, Parallel, Processes, AsyncProcesses];

    public static bool IsKnown(string id) => All.Contains(id, StringComparer.Ordinal);
}
