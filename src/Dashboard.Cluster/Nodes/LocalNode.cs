using System.Diagnostics;

namespace Dashboard.Cluster.Nodes;

/// <summary>One local node process the app started: its name, ports and how long it took to join.</summary>
public sealed class LocalNode(string name, Process process, int siloPort, int gatewayPort)
{
    public string Name { get; } = name;

    public int ProcessId { get; } = process.Id;

    public int SiloPort { get; } = siloPort;

    public int GatewayPort { get; } = gatewayPort;

    /// <summary>How many CPU-bound tasks it runs at once (its Node:CpuSlots).</summary>
    public int Slots { get; init; } = 1;

    /// <summary>Seconds from the process start to its silo's ready line.</summary>
    public double StartSeconds { get; internal set; }

    internal Process Process { get; } = process;

    public bool HasExited
    {
        get
        {
            try
            {
                return Process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }
}
