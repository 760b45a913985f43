using System.Diagnostics.Tracing;

namespace Dashboard.Engine.Running;

/// <summary>
/// Listens, in process, to the runtime's own events on the thread pool and on lock contention
/// (the <c>Microsoft-Windows-DotNETRuntime</c> source, Threading and Contention keywords,
/// informational): <c>ThreadPoolWorkerThreadAdjustmentAdjustment</c> with its reason, and
/// <c>ContentionStart</c> / <c>ContentionStop</c> with the wait's duration. One listener per process
/// (<see cref="Shared"/>), started on first use and kept: a repetition reads the totals at its start
/// and end, and the adjustments in between. The runtime hands events over on its own dispatch
/// thread, so the last few milliseconds of a repetition may arrive after its end and go uncounted.
/// </summary>
public sealed class RuntimeEventListener : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords ContentionKeyword = (EventKeywords)0x4000;
    private const EventKeywords ThreadingKeyword = (EventKeywords)0x10000;

    /// <summary>Adjustments kept in memory for the whole process (oldest dropped first).</summary>
    private const int MaxKept = 10_000;

    private static readonly Lazy<RuntimeEventListener> Instance = new(() => new RuntimeEventListener());

    private readonly Lock _lock = new();
    private readonly List<(long Timestamp, int Threads, PoolAdjustmentReason Reason)> _adjustments = [];
    private readonly long _monotonicAtStart = MonotonicClock.Now;
    private readonly DateTime _utcAtStart = DateTime.UtcNow;
    private long _contentions;
    private long _contentionWaitNs;
    private long _starvations;

    private RuntimeEventListener()
    {
    }

    /// <summary>The process's listener, started on first use.</summary>
    public static RuntimeEventListener Shared => Instance.Value;

    /// <summary>The process's listener if something started it, else null (reading counters never starts it).</summary>
    public static RuntimeEventListener? IfStarted => Instance.IsValueCreated ? Instance.Value : null;

    /// <summary>Contentions, their wait in nanoseconds and starvation adjustments since the listener started.</summary>
    public (long Contentions, long ContentionWaitNs, long Starvations) Totals() =>
        (Interlocked.Read(ref _contentions), Interlocked.Read(ref _contentionWaitNs), Interlocked.Read(ref _starvations));

    /// <summary>The pool's adjustments between two <see cref="MonotonicClock"/> readings, oldest first.</summary>
    public IReadOnlyList<(long Timestamp, int Threads, PoolAdjustmentReason Reason)> AdjustmentsBetween(long from, long to)
    {
        lock (_lock)
        {
            return [.. _adjustments.Where(a => a.Timestamp >= from && a.Timestamp <= to).Take(RuntimeEvents.MaxAdjustments)];
        }
    }

    /// <summary>This process's events between two readings, on a repetition's axis (seconds since <paramref name="origin"/>).</summary>
    public RuntimeEvents Between(long origin, long end, (long Contentions, long ContentionWaitNs, long Starvations) before)
    {
        var after = Totals();
        var process = Environment.ProcessId;
        return new RuntimeEvents(
            [.. AdjustmentsBetween(origin, end).Select(a => new PoolAdjustment(Math.Round(MonotonicClock.Seconds(origin, a.Timestamp), 6), process, a.Threads, a.Reason))],
            after.Contentions - before.Contentions,
            Math.Round((after.ContentionWaitNs - before.ContentionWaitNs) / 1e9, 6));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, ContentionKeyword | ThreadingKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var e = eventData;
        switch (e.EventName)
        {
            case "ContentionStart" or "ContentionStart_V1" or "ContentionStart_V2":
                Interlocked.Increment(ref _contentions);
                break;
            case "ContentionStop_V1" or "ContentionStop" when Payload(e, "DurationNs") is { } ns:
                Interlocked.Add(ref _contentionWaitNs, (long)ns);
                break;
            case "ThreadPoolWorkerThreadAdjustmentAdjustment" when Payload(e, "NewWorkerThreadCount") is { } threads && Payload(e, "Reason") is { } reason:
                var why = (PoolAdjustmentReason)(int)reason;
                if (why == PoolAdjustmentReason.Starvation)
                {
                    Interlocked.Increment(ref _starvations);
                }

                lock (_lock)
                {
                    if (_adjustments.Count >= MaxKept)
                    {
                        _adjustments.RemoveRange(0, MaxKept / 10);
                    }

                    _adjustments.Add((ToMonotonic(e.TimeStamp), (int)threads, why));
                }

                break;
        }
    }

    private long ToMonotonic(DateTime timestamp) =>
        _monotonicAtStart + (long)((timestamp.ToUniversalTime() - _utcAtStart).TotalSeconds * MonotonicClock.Frequency);

    private static double? Payload(EventWrittenEventArgs e, string name)
    {
        if (e.PayloadNames is not { } names || e.Payload is not { } values)
        {
            return null;
        }

        var i = names.IndexOf(name);
        return i >= 0 && i < values.Count && values[i] is IConvertible value ? value.ToDouble(null) : null;
    }
}
