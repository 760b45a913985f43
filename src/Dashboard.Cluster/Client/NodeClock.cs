using System.Collections.Concurrent;
using Dashboard.Engine.Running;

namespace Dashboard.Cluster.Client;

/// <summary>
/// Maps a node's monotonic timestamps onto the app's clock. Local nodes share the app's
/// CLOCK_MONOTONIC (Stopwatch on Linux is system-wide), so their readings are used as they are.
/// A node on another machine has its own clock: every message from it (a start note, a reply)
/// gives "arrival on the app's clock minus the node's stamp" = clock offset + one-way latency; the
/// smallest seen so far is kept per node (the least-delayed message, as NTP filters) and added to
/// the node's stamps. A span then keeps the node's own duration and sits late by at most the
/// smallest one-way latency seen (sub-millisecond on a LAN). A span whose live start note came
/// before a smaller offset was seen keeps the start shown live (and its own duration), so the
/// whole span may sit later by the difference in latencies.
/// </summary>
internal sealed class NodeClock(bool shared)
{
    private readonly ConcurrentDictionary<string, long> _offsets = new(StringComparer.Ordinal);

    public bool Shared { get; } = shared;

    public long Live(string node, long nodeTimestamp) =>
        Shared ? nodeTimestamp : nodeTimestamp + Offset(node, MonotonicClock.Now - nodeTimestamp);

    public (long Start, long End) Span(string node, long nodeStart, long nodeEnd, long replyArrived)
    {
        if (Shared)
        {
            return (nodeStart, nodeEnd);
        }

        var offset = Offset(node, replyArrived - nodeEnd);
        return (nodeStart + offset, nodeEnd + offset);
    }

    private long Offset(string node, long candidate) =>
        _offsets.AddOrUpdate(node, candidate, (_, seen) => Math.Min(seen, candidate));
}
