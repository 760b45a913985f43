namespace Dashboard.Engine.Cluster;

/// <summary>A lab node as one repetition used it, as the node described itself and the client reached it.</summary>
/// <param name="Name">Its silo name ("node-1").</param>
/// <param name="ProcessId">Its process on its machine.</param>
/// <param name="Address">The silo's address ("127.0.0.1:11111").</param>
/// <param name="Slots">How many CPU-bound tasks it runs at once.</param>
/// <param name="CpuSeconds">CPU (user + system) its process used while the repetition ran its tasks.</param>
public sealed record ClusterNode(string Name, int ProcessId, string Address, int Slots, double CpuSeconds)
{
    /// <summary>Seconds from starting its process to joining the cluster when this repetition started it; null when it was running already.</summary>
    public double? JoinSeconds { get; init; }
}
