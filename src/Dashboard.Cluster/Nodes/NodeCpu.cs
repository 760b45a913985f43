namespace Dashboard.Cluster.Nodes;

/// <summary>This node process's CPU time so far (user + system), read cheaply (getrusage, no /proc parse).</summary>
internal static class NodeCpu
{
    public static double Seconds => Environment.CpuUsage.TotalTime.TotalSeconds;
}
