using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Explain;

/// <summary>How strategies are named and hinted at on the pages and in explanations.</summary>
public static class StrategyText
{
    /// <summary>
    /// "thread pool" for "threadpool", "async + processes" for "async-processes"; a sweep point
    /// with its size: "thread pool ×4".
    /// </summary>
    public static string Name(string strategy) => PythonTwins.IsTwinKey(strategy)
        ? "Python " + Name(PythonTwins.StrategyOf(strategy))
        : StrategySizes.TryParse(strategy, out var sized, out var size)
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name(sized)} ×{size}")
        : strategy switch
    {
        StrategyIds.ThreadPool => "thread pool",
        StrategyIds.AsyncProcesses => "async + processes",
        _ => strategy,
    };

    /// <summary>One line on what the strategy does, with this machine's effective sizes.</summary>
    public static string Hint(string strategy, StrategyOptions options) => PythonTwins.IsTwinKey(strategy)
        ? PythonHint(PythonTwins.StrategyOf(strategy), options)
        : strategy switch
    {
        StrategyIds.Sequential => "One task after another on one thread: the baseline.",
        StrategyIds.Threads => "A new Thread per task; blocking calls wait side by side.",
        StrategyIds.ThreadPool => $"{options.EffectiveThreadPoolSize} worker threads pull tasks (Python's ThreadPoolExecutor size).",
        StrategyIds.Async => options.AsyncCap is { } cap
            ? $"All tasks awaited together, at most {cap} at a time; a wait holds no thread."
            : "All tasks awaited together with Task.WhenAll; a wait holds no thread.",
        StrategyIds.Parallel => $"Parallel.ForEach(Async), {options.EffectiveParallelDegree} at a time (degree = cores).",
        StrategyIds.Processes => options.EffectiveProcessSplit == ProcessSplit.Contiguous
            ? $"{options.EffectiveProcessCount} worker processes, each runs a fixed share one by one."
            : $"{options.EffectiveProcessCount} worker processes, each takes the next task when it is free (ProcessPoolExecutor).",
        StrategyIds.AsyncProcesses => options.EffectiveProcessSplit == ProcessSplit.Contiguous
            ? $"{options.EffectiveProcessCount} worker processes, each awaits a fixed share together."
            : $"{options.EffectiveProcessCount} worker processes, each awaits the tasks it takes together.",
        StrategyIds.Cluster => "One grain call per task to lab nodes (Orleans silos); each node awaits its tasks together.",
        StrategyIds.SyncOverAsync => "The anti-pattern, on purpose: each task blocks a pool thread on the async form (.GetAwaiter().GetResult()); the pool starves. Watch its counters.",
        _ => strategy,
    };

    /// <summary>One line on what a Python twin does: the tutorial's own library call.</summary>
    private static string PythonHint(string strategy, StrategyOptions options) => strategy switch
    {
        StrategyIds.Sequential => "A plain loop in one Python process: the Python baseline.",
        StrategyIds.Threads => "One threading.Thread per task; the GIL lets one run Python code at a time.",
        StrategyIds.ThreadPool => $"ThreadPoolExecutor with {options.EffectiveThreadPoolSize} workers.",
        StrategyIds.Async => "asyncio.gather over every task (aiohttp, aiofiles) on one thread.",
        StrategyIds.Processes => $"ProcessPoolExecutor with {options.EffectiveProcessCount} processes, each with its own GIL.",
        StrategyIds.AsyncProcesses => $"asyncio.gather inside each of {options.EffectiveProcessCount} processes.",
        _ => strategy,
    };
}
