using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Findings;

/// <summary>
/// What a finder reads: one run's repetitions with the Engine's statistics and limits of them
/// (the one statistics path), the workload's parameters and the knobs and cores it ran with.
/// <see cref="Create"/> builds it the same way for the app, the API and the bench.
/// </summary>
/// <param name="Results">Every repetition of the run (warmups and cancelled ones are left out by <see cref="Measured"/>).</param>
/// <param name="Statistics">Per result key, from <see cref="RunStatistics.Compute"/> over <paramref name="Results"/>.</param>
/// <param name="Limits">Per result key that has one, from <see cref="StrategyLimits.Compute"/>.</param>
public sealed record FindingInput(
    WorkloadParameters Parameters,
    StrategyOptions Options,
    int Cores,
    IReadOnlyList<StrategyResult> Results,
    IReadOnlyList<StrategyStatistics> Statistics,
    IReadOnlyList<StrategyLimit> Limits)
{
    /// <summary>The file system the run's files went to ("ext4", "tmpfs"); null when unknown.</summary>
    public string? OutputFileSystem { get; init; }

    /// <summary>True when the run's files went to memory (tmpfs).</summary>
    public bool OutputsInMemory { get; init; }

    /// <summary>What the workload is declared to spend its time on.</summary>
    public WorkloadKind Kind => WorkloadCatalog.Of(Parameters).Kind;

    /// <summary>The input for a run: its statistics and limits computed here, by the Engine's rules.</summary>
    /// <param name="latencySeconds">One task's wait (the targets' latency, hello's delay); null when unknown (then no latency limits).</param>
    /// <param name="calibration">This machine's CPU calibration (the CPU limits use it); null when not measured.</param>
    public static FindingInput Create(
        WorkloadParameters parameters,
        StrategyOptions options,
        int cores,
        IReadOnlyList<StrategyResult> results,
        double? latencySeconds = null,
        CpuCalibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(results);
        var statistics = RunStatistics.Compute(results);
        var limits = StrategyLimits.Compute(parameters, options, cores, latencySeconds, calibration, statistics);
        return new FindingInput(parameters, options, cores, results, statistics, limits);
    }

    /// <summary>The measured repetitions (not warmups, not cancelled) of one result key, in run order.</summary>
    public IReadOnlyList<StrategyResult> Measured(string key) => [.. Results.Where(r => r.Strategy == key && r.IsMeasured)];

    /// <summary>The statistics of one result key; null when the run has none.</summary>
    public StrategyStatistics? StatisticsOf(string key) => Statistics.FirstOrDefault(s => s.Strategy == key);

    /// <summary>The limit of one result key; null when it has none.</summary>
    public StrategyLimit? LimitOf(string key) => Limits.FirstOrDefault(l => l.Strategy == key);

    /// <summary>The statistics of the baseline (sequential) of the key's own runtime: Python's for a twin, .NET's otherwise.</summary>
    public StrategyStatistics? BaselineOf(string key) =>
        StatisticsOf(PythonTwins.IsTwinKey(key) ? PythonTwins.Key(StrategyCatalog.Baseline.Id) : StrategyCatalog.Baseline.Id);

    /// <summary>
    /// The measured repetition closest to the key's median wall time: a typical one, the repetition
    /// whose spans the bench shows; null when none was measured.
    /// </summary>
    public StrategyResult? Typical(string key)
    {
        var measured = Measured(key);
        if (measured.Count == 0)
        {
            return null;
        }

        var median = StatisticsOf(key)?.Wall?.Median ?? measured[0].WallSeconds;
        return measured.MinBy(r => Math.Abs(r.WallSeconds - median));
    }

    /// <summary>A finding on <paramref name="key"/>: its strategy id and runtime split from the key.</summary>
    internal Finding Make(string id, FindingSeverity severity, string key, Dictionary<string, double> figures, string text, double weight) =>
        new(id, severity, PythonTwins.StrategyOf(key), PythonTwins.RuntimeOf(key), figures, text) { Weight = Math.Clamp(weight, 0, 1) };
}
