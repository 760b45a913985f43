using System.Text.Json.Serialization;

namespace Dashboard.Web.Bench;

/// <summary>
/// One strategy over its measured repetitions, by the Engine's rules
/// (<see cref="Engine.Statistics.StrategyStatistics"/>): cancelled repetitions left out of
/// <see cref="WallSeconds"/> and every figure; <see cref="MedianSeconds"/> and
/// <see cref="CpuSeconds"/> are medians; <see cref="Lanes"/> the most any repetition used; the
/// task counts are totals over the measured repetitions and the output check their first
/// problem ("cancelled" when any repetition was cancelled); <see cref="Spans"/> are the
/// repetition closest to the median's.
/// </summary>
public sealed record BenchStrategyReport(
    string Name,
    IReadOnlyList<double> WallSeconds,
    double MedianSeconds,
    double CpuSeconds,
    int Lanes,
    int TasksOk,
    int TasksFailed,
    string OutputCheck,
    IReadOnlyList<BenchSpan> Spans)
{
    /// <summary>"dotnet", or "python" for a Python twin (<see cref="Name"/> stays the strategy id).</summary>
    public string Runtime { get; init; } = Engine.Strategies.PythonTwins.DotnetRuntime;

    /// <summary>
    /// The first 16 hex digits of SHA-256 over every task's output in task order (one line each,
    /// empty for a task without output) of the first measured repetition: equal across strategies
    /// and runtimes when their outputs are (always for power; genre and scrape fetch random values).
    /// </summary>
    public string? OutputDigest { get; init; }

    /// <summary>The typical repetition's peak working set, MB: this process's plus each worker process's own peak.</summary>
    public double PeakWorkingSetMb { get; init; }

    /// <summary>
    /// Memory per task in flight (<see cref="Engine.Running.StrategyResult.BytesPerTask"/>): the peak
    /// above the process's working set before the repetition, divided by the most tasks in flight at
    /// once; left out for strategies whose tasks run in other processes.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BytesPerTask { get; init; }

    /// <summary>The strategy's physical limit in seconds (<see cref="Engine.Statistics.StrategyLimits"/>); null when it has none.</summary>
    public double? LimitSeconds { get; init; }

    /// <summary>The limit divided by the median: 1 = at the limit.</summary>
    public double? OfLimit { get; init; }

    /// <summary>
    /// The wall time the Engine predicted for one repetition from the run's sequential
    /// (<see cref="Engine.Prediction.RunPrediction"/>); null for the sequential itself and when no sequential ran.
    /// </summary>
    public double? PredictedSeconds { get; init; }

    /// <summary>(predicted - measured) / measured (+0.2: predicted 20 % too long); null when either is missing.</summary>
    public double? PredictionError { get; init; }

    /// <summary>Runtime counters of the repetition the spans come from (same time axis); null when not sampled.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Engine.Running.CounterSample>? Counters { get; init; }

    /// <summary>
    /// Where the time went, task-seconds per repetition averaged over the measured ones
    /// (<see cref="Engine.Statistics.TimeSplit"/>: cpu, ready, wait, startup, transfer); null when not measured.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Engine.Statistics.TimeSplit? TimeSplit { get; init; }

    /// <summary>The runtime's pool adjustments (with reasons) and lock contention over the measured repetitions; null when not listened to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Engine.Running.RuntimeEvents? RuntimeEvents { get; init; }

    [JsonIgnore]
    public bool Succeeded => TasksFailed == 0 && OutputCheck == "ok";
}
