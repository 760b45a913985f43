namespace Dashboard.Cluster.Grains;

/// <summary>
/// A task's end as the node saw it: how it ended, the output summary or the reason, where it ran and
/// when it started and ended (node monotonic ticks). It carries the start too, so a span is right
/// even when the one-way start note arrives after the reply. <see cref="NodeCpuSeconds"/> is the node
/// process's CPU time at the task's end (the app sums each node's last reading minus its first).
/// <see cref="LongTurnSeconds"/> is set by the node's <c>LongTurnFilter</c> when the call's turn held
/// its thread for <c>RuntimeEvents.LongTurnMs</c> or more; null otherwise.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TaskOutcome(
    [property: Id(0)] int Task,
    [property: Id(1)] TaskEnd End,
    [property: Id(2)] string? Detail,
    [property: Id(3)] string Node,
    [property: Id(4)] int ProcessId,
    [property: Id(5)] int ThreadId,
    [property: Id(6)] long Started,
    [property: Id(7)] long Ended,
    [property: Id(8)] double NodeCpuSeconds,
    [property: Id(9)] double? LongTurnSeconds = null);
