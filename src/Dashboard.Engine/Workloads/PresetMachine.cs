using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// What a preset is fitted to: the arithmetic the run will use, the runtime(s) it runs in and this
/// machine's CPU calibration (null when none is measured yet: the cost model's own figures stand).
/// </summary>
/// <param name="Engine">The power arithmetic the run will use (resolved: GMP where present unless chosen).</param>
/// <param name="Runtime">.NET, Python or both.</param>
/// <param name="Calibration">This machine's CPU calibration for <paramref name="Engine"/>, when measured.</param>
public sealed record PresetMachine(PowerEngine Engine, LabRuntime Runtime, CpuCalibration? Calibration)
{
    /// <summary>The machine as the cost model assumes it: the engine in use, .NET, no calibration.</summary>
    public static PresetMachine Default => new(PowerEngines.Resolve(null), LabRuntime.Dotnet, null);
}
