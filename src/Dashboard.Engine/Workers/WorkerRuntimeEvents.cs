using Dashboard.Engine.Running;

namespace Dashboard.Engine.Workers;

/// <summary>
/// The worker's own runtime events over its share (<see cref="RuntimeEventListener"/>), sent once
/// just before <see cref="WorkerDone"/> when the job asked for counters.
/// </summary>
/// <param name="Adjustments">Thread-pool adjustments as (timestamp, new thread count, reason) triples, flattened; timestamps are worker <see cref="MonotonicClock"/> readings.</param>
public sealed record WorkerRuntimeEvents(long Contentions, double ContentionWaitSeconds, long[] Adjustments) : WorkerMessage
{
    /// <summary>The message for this process's events since <paramref name="since"/>.</summary>
    public static WorkerRuntimeEvents From(RuntimeEventListener listener, long since)
    {
        var adjustments = listener.AdjustmentsBetween(since, MonotonicClock.Now);
        var flat = new long[adjustments.Count * 3];
        for (var i = 0; i < adjustments.Count; i++)
        {
            (flat[3 * i], flat[(3 * i) + 1], flat[(3 * i) + 2]) = (adjustments[i].Timestamp, adjustments[i].Threads, (long)adjustments[i].Reason);
        }

        var (contentions, waitNs, _) = listener.Totals();
        return new WorkerRuntimeEvents(contentions, Math.Round(waitNs / 1e9, 6), flat);
    }

    /// <summary>The events on the parent's axis: seconds since <paramref name="origin"/>, in <paramref name="processId"/>.</summary>
    public RuntimeEvents ToEvents(long origin, int processId)
    {
        var adjustments = new List<PoolAdjustment>();
        for (var i = 0; i + 2 < Adjustments.Length && adjustments.Count < RuntimeEvents.MaxAdjustments; i += 3)
        {
            adjustments.Add(new PoolAdjustment(Math.Round(MonotonicClock.Seconds(origin, Adjustments[i]), 6), processId,
                (int)Adjustments[i + 1], (PoolAdjustmentReason)(int)Adjustments[i + 2]));
        }

        return new RuntimeEvents(adjustments, Math.Max(0, Contentions), Math.Max(0, ContentionWaitSeconds));
    }
}
