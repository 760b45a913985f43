using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Explain;

/// <summary>How strategies are named and hinted at on the pages and in explanations.</summary>
public static class StrategyText
{
    /// <summary>"thread pool" for "threadpool", "async + processes" for "async-processes".</summary>
    public static string Name(string strategy) => strategy switch
    {
        StrategyIds.ThreadPool => "thread pool",
        StrategyIds.AsyncProcesses => "async + processes",
        _ => strategy,
    };

    /// <summary>One line on what the strategy does, with this machine's effective sizes.</summary>
    public static string Hint(string strategy, StrategyOptions options) => strategy switch
    {
        StrategyIds.Sequential => "One task after another on one thread: the baseline.",
        StrategyIds.Threads => "A new Thread per task; blocking calls wait side by side.",
        StrategyIds.ThreadPool => $"{options.EffectiveThreadPoolSize} worker threads pull tasks (Python's ThreadPoolExecutor size).",
        StrategyIds.Async => options.AsyncCap is { } cap
            ? $"All tasks awaited together, at most {cap} at a time; a wait holds no thread."
            : "All tasks awaited together with Task.WhenAll; a wait holds no thread.",
        StrategyIds.Parallel => $"Parallel.ForEach(Async), {options.EffectiveParallelDegree} at a time (degree = cores).",
        StrategyIds.Processes => $"{options.EffectiveProcessCount} worker processes, each runs its share one by one.",
        StrategyIds.AsyncProcesses => $"{options.EffectiveProcessCount} worker processes, each awaits its share together.",
        StrategyIds.SyncOverAsync => "The anti-pattern, on purpose: each task blocks a pool thread on the async form (.GetAwaiter().GetResult()); the pool starves. Watch its counters.",
        _ => strategy,
    };
}
