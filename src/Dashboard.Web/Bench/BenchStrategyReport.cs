using System.Text.Json.Serialization;

namespace Dashboard.Web.Bench;

/// <summary>
/// One strategy over its measured repetitions. <see cref="CpuSeconds"/> is the median;
/// <see cref="Lanes"/> the most any repetition used; the task counts and the output check are
/// those of the worst repetition; <see cref="Spans"/> are the median repetition's.
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
    [JsonIgnore]
    public bool Succeeded => TasksFailed == 0 && OutputCheck == "ok";
}
