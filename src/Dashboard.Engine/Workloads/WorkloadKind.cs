namespace Dashboard.Engine.Workloads;

/// <summary>What a workload's tasks mostly spend their time on.</summary>
public enum WorkloadKind
{
    IoBound,
    CpuBound,
    Mixed,
}
