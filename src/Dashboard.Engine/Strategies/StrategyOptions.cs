namespace Dashboard.Engine.Strategies;

/// <summary>
/// Knobs of the strategies; null means the default: thread pool min(32, cores + 4) workers,
/// async uncapped, parallel degree = cores, processes = cores, process split
/// <see cref="ProcessSplit.Pull"/>.
/// </summary>
public sealed record StrategyOptions(
    int? ThreadPoolSize = null,
    int? AsyncCap = null,
    int? ParallelDegree = null,
    int? ProcessCount = null,
    string? ProcessSplit = null)
{
    public const int MaxThreadPoolSize = 1_024;
    public const int MaxAsyncCap = 100_000;
    public const int MaxParallelDegree = 1_024;
    public const int MaxProcessCount = 64;

    public int EffectiveThreadPoolSize => ThreadPoolSize ?? Math.Min(32, Environment.ProcessorCount + 4);

    public int EffectiveParallelDegree => ParallelDegree ?? Environment.ProcessorCount;

    public int EffectiveProcessCount => ProcessCount ?? Environment.ProcessorCount;

    /// <summary>How process strategies hand tasks to workers: <see cref="Strategies.ProcessSplit.Pull"/> unless set.</summary>
    public string EffectiveProcessSplit => ProcessSplit ?? Strategies.ProcessSplit.Pull;

    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Workloads.ParameterErrors();
        if (ThreadPoolSize is { } pool) errors.Range("threadPoolSize", pool, 1, MaxThreadPoolSize);
        if (AsyncCap is { } cap) errors.Range("asyncCap", cap, 1, MaxAsyncCap);
        if (ParallelDegree is { } degree) errors.Range("parallelDegree", degree, 1, MaxParallelDegree);
        if (ProcessCount is { } processes) errors.Range("processCount", processes, 1, MaxProcessCount);
        if (ProcessSplit is { } split && !Strategies.ProcessSplit.All.Contains(split, StringComparer.Ordinal))
        {
            errors.Add("processSplit", $"processSplit must be one of {string.Join(", ", Strategies.ProcessSplit.All)} (got '{Workloads.ValueEcho.Short(split)}').");
        }

        return errors.ToDictionary();
    }
}
