using System.Runtime;
using System.Runtime.InteropServices;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Simulation;

namespace Dashboard.Web.Bench;

/// <summary>Describes the machine and runtime a bench ran on.</summary>
public static class BenchEnvironmentProbe
{
    public static BenchEnvironment Describe(BenchOptions options, string? targetUrl, SimulationOptions? knobs) => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        Environment.ProcessorCount,
        CpuModel(),
        GcMode(),
        options.Parameters is PowerParameters power ? PowerEngines.Id(PowerEngines.Resolve(power.Engine)) : null,
        targetUrl,
        knobs);

    /// <summary>The "model name" of /proc/cpuinfo on Linux, else the architecture.</summary>
    public static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                var line = File.ReadLines("/proc/cpuinfo")
                    .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
            // Fall through: the model is nice to have, not worth failing a bench over.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>"server" or "workstation", plus "concurrent" when background GC is on.</summary>
    public static string GcMode()
    {
        var mode = GCSettings.IsServerGC ? "server" : "workstation";
        var concurrent = AppContext.GetData("System.GC.Concurrent") is not bool enabled || enabled;
        return concurrent ? mode + ", concurrent" : mode;
    }
}
