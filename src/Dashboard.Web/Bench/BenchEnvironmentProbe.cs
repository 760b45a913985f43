using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Simulation;

namespace Dashboard.Web.Bench;

/// <summary>
/// Describes the machine and runtime a bench ran on. The facts come from
/// <see cref="RunEnvironment.Capture"/>, the same capture the web app stores with each run, so a
/// bench report and a stored run describe one machine in the same words.
/// </summary>
public static class BenchEnvironmentProbe
{
    /// <summary>Captures the environment now; the bench calls it before the run starts.</summary>
    public static BenchEnvironment Describe(BenchOptions options, string? targetUrl, SimulationOptions? knobs)
    {
        ArgumentNullException.ThrowIfNull(options);
        var machine = RunEnvironment.Capture(targetUrl ?? "");
        return new BenchEnvironment(
            machine.OperatingSystem,
            machine.DotNetVersion,
            machine.CoreCount,
            machine.CpuModel,
            machine.GcMode,
            WorkloadCatalog.Of(options.Parameters).Arithmetic(options.Parameters) is { } engine ? PowerEngines.Id(engine) : null,
            targetUrl,
            knobs);
    }
}
