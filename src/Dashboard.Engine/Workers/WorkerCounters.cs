using Dashboard.Engine.Running;

namespace Dashboard.Engine.Workers;

/// <summary>
/// One sample of a worker's own runtime counters (see <see cref="CounterSample"/>), sent every
/// <see cref="WorkerJob.CounterIntervalMs"/> while it runs its share.
/// </summary>
/// <param name="Timestamp">A <see cref="MonotonicClock"/> reading taken in the worker (same clock as the parent).</param>
public sealed record WorkerCounters(
    long Timestamp,
    double CpuPercent,
    double CpuUserPercent,
    double CpuSystemPercent,
    int Threads,
    int PoolThreads,
    long PoolQueue,
    double GcPauseMs,
    double AllocatedMb,
    double WorkingSetMb) : WorkerMessage
{
    /// <summary>Lock contentions in the interval (<see cref="CounterSample.Contentions"/>).</summary>
    public long Contentions { get; init; }

    /// <summary>Contended lock wait in the interval, ms.</summary>
    public double ContentionWaitMs { get; init; }

    /// <summary>Starvation adjustments in the interval.</summary>
    public long Starvations { get; init; }

    /// <summary>The message for a sample taken in this process (its T is ignored: the parent puts it on its own axis).</summary>
    public static WorkerCounters From(CounterSample sample, long timestamp) => new(
        timestamp, sample.CpuPercent, sample.CpuUserPercent, sample.CpuSystemPercent, sample.Threads,
        sample.PoolThreads, sample.PoolQueue, sample.GcPauseMs, sample.AllocatedMb, sample.WorkingSetMb)
    {
        Contentions = sample.Contentions,
        ContentionWaitMs = sample.ContentionWaitMs,
        Starvations = sample.Starvations,
    };

    /// <summary>The sample on the parent's time axis: seconds since <paramref name="origin"/>.</summary>
    public CounterSample ToSample(long origin, int processId) => new(
        Math.Round(MonotonicClock.Seconds(origin, Timestamp), 6), processId, CpuPercent, CpuUserPercent, CpuSystemPercent,
        Threads, PoolThreads, PoolQueue, GcPauseMs, AllocatedMb, WorkingSetMb)
    {
        Contentions = Math.Max(0, Contentions),
        ContentionWaitMs = Math.Max(0, ContentionWaitMs),
        Starvations = Math.Max(0, Starvations),
    };
}
