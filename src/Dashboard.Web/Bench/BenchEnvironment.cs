using Dashboard.Web.Simulation;

namespace Dashboard.Web.Bench;

/// <summary>Where the bench ran. <paramref name="Engine"/> is the power engine used (null for other workloads).</summary>
/// <param name="TargetUrl">The targets' base address; null when the workload uses none.</param>
/// <param name="Knobs">The targets' knobs during the run; null when unknown (external targets) or unused.</param>
public sealed record BenchEnvironment(
    string Os,
    string Dotnet,
    int Cores,
    string CpuModel,
    string GcMode,
    string? Engine,
    string? TargetUrl,
    SimulationOptions? Knobs)
{
    /// <summary>Where the run's workload files went and that folder's file system (ext4, tmpfs, overlay, ...).</summary>
    public Dashboard.Web.Runs.Host.OutputPlace? Outputs { get; init; }
}
