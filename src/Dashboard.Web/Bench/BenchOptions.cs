using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Bench;

/// <summary>What one bench invocation asked for, parsed and checked by <see cref="BenchArgumentParser"/>.</summary>
/// <param name="LatencyMs">Latency knob of both targets; null keeps the targets' defaults.</param>
/// <param name="PageKb">Page size knob (scrape); null keeps the default.</param>
/// <param name="TargetUrl">Use these targets instead of starting the simulated ones in-process.</param>
/// <param name="KeepOutput">Keep the run's temp output folder instead of deleting it at the end.</param>
/// <param name="Runtime">dotnet, python (the twins) or both.</param>
/// <param name="Nodes">Cluster: local lab nodes to start; null = cores.</param>
/// <param name="Calibrate">Power: measure the CPU calibration (one process vs cores processes) before the run.</param>
/// <param name="Targets">genre/scrape: the simulated targets or the real ones under Lab:RealTargets.</param>
/// <param name="Sweep">The sizes every sized strategy runs at (<see cref="RunPlan.Sweep"/>); null: none.</param>
public sealed record BenchOptions(
    WorkloadParameters Parameters,
    IReadOnlyList<string> Strategies,
    int Repeat,
    int Warmup,
    StrategyOptions StrategyOptions,
    int? LatencyMs,
    int? PageKb,
    string? JsonPath,
    string? TargetUrl,
    bool KeepOutput,
    LabRuntime Runtime = LabRuntime.Dotnet,
    int? Nodes = null,
    bool Calibrate = false,
    LabTargets Targets = LabTargets.Simulated,
    IReadOnlyList<int>? Sweep = null)
{
    /// <summary>The run this bench asks the Engine for.</summary>
    public RunPlan Plan => new(Parameters, Strategies, Repeat, Warmup, StrategyOptions, Runtime, Targets, Sweep);

    /// <summary>The workload id (genre, power, scrape, hello).</summary>
    public string Workload => Parameters.Workload;

    /// <summary>True when the workload talks HTTP to the targets.</summary>
    public bool UsesTargets => Parameters is GenreParameters or ScrapeParameters;
}
