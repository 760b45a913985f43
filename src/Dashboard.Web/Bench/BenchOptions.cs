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
/// <param name="OutputDir">
/// An existing folder under which the run's output folder is made (e.g. /dev/shm for tmpfs); null = the
/// temp folder's dashboard-bench, as before. Only the run's own folder in it is ever deleted.
/// </param>
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
    string? OutputDir = null,
    IReadOnlyList<int>? Sweep = null)
{
    /// <summary>The folder the bench makes its run's output folder in when no --output-dir is given.</summary>
    public static string DefaultOutputParent => Path.Combine(Path.GetTempPath(), "dashboard-bench");

    /// <summary>The run this bench asks the Engine for.</summary>
    public RunPlan Plan => new(Parameters, Strategies, Repeat, Warmup, StrategyOptions, Runtime, Targets, Sweep);

    /// <summary>The workload id (genre, power, scrape, hello).</summary>
    public string Workload => Parameters.Workload;

    /// <summary>True when the workload talks HTTP to the targets.</summary>
    public bool UsesTargets => WorkloadCatalog.Of(Parameters).CallsTargets;
}
