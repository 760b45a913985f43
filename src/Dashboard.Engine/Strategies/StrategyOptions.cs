namespace Dashboard.Engine.Strategies;

/// <summary>
/// Knobs of the strategies (<see cref="StrategyKnobs"/> names and bounds them); null means the
/// knob's default: thread pool <see cref="DefaultThreadPoolSize"/> workers, async uncapped,
/// parallel degree = cores, processes = cores, process split <see cref="ProcessSplit.Pull"/>.
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

    /// <summary>Python's ThreadPoolExecutor default, min(32, cores + 4): the thread pool's size when unset.</summary>
    public static int DefaultThreadPoolSize(int cores) => Math.Min(32, cores + 4);

    public int EffectiveThreadPoolSize => StrategyKnobs.ThreadPoolSize.Value(this, Environment.ProcessorCount)!.Value;

    public int EffectiveParallelDegree => StrategyKnobs.ParallelDegree.Value(this, Environment.ProcessorCount)!.Value;

    public int EffectiveProcessCount => StrategyKnobs.ProcessCount.Value(this, Environment.ProcessorCount)!.Value;

    /// <summary>How process strategies hand tasks to workers: <see cref="Strategies.ProcessSplit.Pull"/> unless set.</summary>
    public string EffectiveProcessSplit => ProcessSplit ?? Strategies.ProcessSplit.Pull;

    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Workloads.ParameterErrors();
        foreach (var knob in StrategyKnobs.All)
        {
            if (knob.Get(this) is { } value)
            {
                errors.Range(knob.Field, value, StrategyKnob.Min, knob.Max);
            }
        }

        if (ProcessSplit is { } split && !Strategies.ProcessSplit.All.Contains(split, StringComparer.Ordinal))
        {
            errors.Add("processSplit", $"processSplit must be one of {string.Join(", ", Strategies.ProcessSplit.All)} (got '{Workloads.ValueEcho.Short(split)}').");
        }

        return errors.ToDictionary();
    }
}
