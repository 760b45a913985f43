namespace Dashboard.Cluster.Grains;

/// <summary>Which targets a job's workload calls: the node's simulated targets or its allow-listed real ones.</summary>
[GenerateSerializer]
public enum NodeTargetKind
{
    Simulated,
    Real,
}
