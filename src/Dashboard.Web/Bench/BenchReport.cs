using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Dashboard.Web.Bench;

/// <summary>The bench's JSON document: what ran, where, and what each strategy measured.</summary>
/// <param name="Parameters">The workload's parameters plus repeat, warmup and the strategy knobs.</param>
/// <param name="Calibration">The CPU calibration the limits used (power with --calibrate); null otherwise.</param>
public sealed record BenchReport(
    string Workload,
    JsonObject Parameters,
    BenchEnvironment Environment,
    IReadOnlyList<BenchStrategyReport> Strategies,
    Engine.Statistics.CpuCalibration? Calibration = null)
{
    /// <summary>A sweep's points, per sized strategy smallest size first; null without --sweep.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BenchSweepPoint>? Sweep { get; init; }

    /// <summary>Amdahl's law fitted to each swept strategy's speedups; null without --sweep.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BenchScaling>? Scaling { get; init; }

    /// <summary>The Engine's findings on the run, ranked (<see cref="Engine.Findings.FindingCatalog"/>): empty when none fired.</summary>
    public IReadOnlyList<Engine.Findings.Finding> Warnings { get; init; } = [];
}
