namespace Dashboard.Cluster.Grains;

/// <summary>
/// A node as it describes itself: its silo name, process, how many CPU-bound tasks it runs at once,
/// and the CPU its process has used so far (user + system seconds, for the run's CPU figure).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] int ProcessId,
    [property: Id(2)] int CpuSlots,
    [property: Id(3)] double CpuSeconds);
