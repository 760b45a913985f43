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
    /// <summary>True when every repetition ran every task fine and its outputs checked out.</summary>
    /// <summary>Runtime counters of the repetition the spans come from (same time axis); null when not sampled.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Engine.Running.CounterSample>? Counters { get; init; }

    [JsonIgnore]
    public bool Succeeded => TasksFailed == 0 && OutputCheck == "ok";
}
