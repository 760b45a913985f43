namespace Dashboard.Engine.Strategies;

/// <summary>The strategies' size knobs, in the order the API, the bench and the Run page list them.</summary>
public static class StrategyKnobs
{
    /// <summary>The thread pool's workers: Python's ThreadPoolExecutor default, min(32, cores + 4).</summary>
    public static StrategyKnob ThreadPoolSize { get; } = new()
    {
        Field = "threadPoolSize",
        Option = "threads",
        Flag = "--threads",
        Label = "Thread pool size",
        Help = "threadpool size",
        Max = StrategyOptions.MaxThreadPoolSize,
        DefaultText = "min(32, cores + 4)",
        Default = cores => StrategyOptions.DefaultThreadPoolSize(cores),
        Get = o => o.ThreadPoolSize,
        With = (o, v) => o with { ThreadPoolSize = v },
    };

    /// <summary>Most tasks async has in flight (in-process, and in each async worker process); uncapped by default.</summary>
    public static StrategyKnob AsyncCap { get; } = new()
    {
        Field = "asyncCap",
        Option = "asyncCap",
        Flag = "--async-cap",
        Label = "Async cap",
        Help = "async: at most n tasks in flight",
        Max = StrategyOptions.MaxAsyncCap,
        DefaultText = "uncapped",
        Default = _ => null,
        Get = o => o.AsyncCap,
        With = (o, v) => o with { AsyncCap = v },
    };

    /// <summary>Parallel's degree: the cores by default.</summary>
    public static StrategyKnob ParallelDegree { get; } = new()
    {
        Field = "parallelDegree",
        Option = "degree",
        Flag = "--degree",
        Label = "Parallel degree",
        Help = "parallel: degree",
        Max = StrategyOptions.MaxParallelDegree,
        DefaultText = "cores",
        Default = cores => cores,
        Get = o => o.ParallelDegree,
        With = (o, v) => o with { ParallelDegree = v },
    };

    /// <summary>Worker processes of both process strategies: the cores by default.</summary>
    public static StrategyKnob ProcessCount { get; } = new()
    {
        Field = "processCount",
        Option = "processes",
        Flag = "--processes",
        Label = "Worker processes",
        Help = "processes / async-processes: worker count",
        Max = StrategyOptions.MaxProcessCount,
        DefaultText = "cores",
        Default = cores => cores,
        Get = o => o.ProcessCount,
        With = (o, v) => o with { ProcessCount = v },
    };

    /// <summary>Every knob.</summary>
    public static IReadOnlyList<StrategyKnob> All { get; } = [ThreadPoolSize, AsyncCap, ParallelDegree, ProcessCount];
}
