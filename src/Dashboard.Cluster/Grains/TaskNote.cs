namespace Dashboard.Cluster.Grains;

/// <summary>
/// A task's start or progress on a node. <see cref="Timestamp"/> is the node's monotonic clock
/// (Stopwatch ticks): the same clock as the app's on one machine. <see cref="Attempt"/> is the
/// call's (<see cref="TaskCall.Attempt"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TaskNote(
    [property: Id(0)] int Task,
    [property: Id(1)] string Node,
    [property: Id(2)] int ProcessId,
    [property: Id(3)] int ThreadId,
    [property: Id(4)] long Timestamp,
    [property: Id(5)] string? Detail,
    [property: Id(6)] int Attempt = 1);
