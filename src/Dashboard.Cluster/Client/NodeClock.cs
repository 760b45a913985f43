using Dashboard.Engine.Running;

namespace Dashboard.Cluster.Client;

/// <summary>
/// Maps a node's monotonic timestamps onto the app's clock. Local nodes share the app's
/// CLOCK_MONOTONIC (Stopwatch on Linux is system-wide), so their readings are used as they are.
/// Nodes on other machines have their own clock: a live note is stamped when it arrives, and a
/// finished task ends when its reply arrives and starts its measured duration earlier, so a span's
/// length is the node's own and its place is late by at most the one-way message latency.
/// </summary>
internal sealed class NodeClock(bool shared)
{
    public bool Shared { get; } = shared;

    public long Live(long nodeTimestamp) => Shared ? nodeTimestamp : MonotonicClock.Now;

    public (long Start, long End) Span(long nodeStart, long nodeEnd, long replyArrived) =>
        Shared ? (nodeStart, nodeEnd) : (replyArrived - (nodeEnd - nodeStart), replyArrived);
}
