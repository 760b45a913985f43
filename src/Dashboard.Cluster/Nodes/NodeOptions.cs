namespace Dashboard.Cluster.Nodes;

/// <summary>How a node runs tasks.</summary>
public sealed record NodeOptions
{
    public const int MaxCpuSlots = 1_024;

    /// <summary>
    /// CPU-bound tasks that run at once on this node; the rest wait their turn (I/O-bound tasks are
    /// not limited: their waits overlap). Local nodes get cores / nodes, so N nodes on one host use
    /// its cores once, as the processes strategy does.
    /// </summary>
    public int CpuSlots { get; init; } = Environment.ProcessorCount;

    /// <summary>Lower task threads' priority (nice 10), as the app does for its own strategies.</summary>
    public bool BackgroundPriority { get; init; } = true;
}
