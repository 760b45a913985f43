namespace Dashboard.Cluster.Grains;

/// <summary>How a task ended on a node.</summary>
[GenerateSerializer]
public enum TaskEnd
{
    Completed,
    Failed,
    Cancelled,
}
