using System.Text.Json.Serialization;

namespace Dashboard.Engine.Running;

/// <summary>
/// One sample of a process's runtime counters while a strategy repetition ran.
/// </summary>
/// <param name="T">Seconds since the repetition started, on the same clock as its spans.</param>
/// <param name="Process">The OS process id sampled (the app, or a worker process).</param>
/// <param name="CpuPercent">Process CPU time over wall time since the previous sample; 100 = one core busy.</param>
/// <param name="CpuUserPercent">The user-mode part of <paramref name="CpuPercent"/>.</param>
/// <param name="CpuSystemPercent">The kernel (system) part of <paramref name="CpuPercent"/>.</param>
/// <param name="Threads">OS threads of the process.</param>
/// <param name="PoolThreads">Thread-pool threads (<see cref="ThreadPool.ThreadCount"/>).</param>
/// <param name="PoolQueue">Work items waiting in the thread pool's queues (<see cref="ThreadPool.PendingWorkItemCount"/>).</param>
/// <param name="GcPauseMs">Cumulative GC pause time of the process, milliseconds.</param>
/// <param name="AllocatedMb">Cumulative managed bytes allocated, MB.</param>
/// <param name="WorkingSetMb">Resident memory, MB.</param>
public sealed record CounterSample(
    double T,
    int Process,
    double CpuPercent,
    double CpuUserPercent,
    double CpuSystemPercent,
    int Threads,
    int PoolThreads,
    long PoolQueue,
    double GcPauseMs,
    double AllocatedMb,
    double WorkingSetMb)
{
    /// <summary>Most samples kept per strategy repetition (all processes together); more are thinned evenly.</summary>
    public const int MaxPerRepetition = 20_000;

    /// <summary>Lock contentions since the previous sample (the runtime's contention events).</summary>
    public long Contentions { get; init; }

    /// <summary>Milliseconds threads waited on contended locks since the previous sample.</summary>
    public double ContentionWaitMs { get; init; }

    /// <summary>Tasks in flight in this process when sampled (started, not ended); null for a .NET worker's sample or without a count (a Python twin's runner is sampled from outside, with its count).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TasksInFlight { get; init; }

    /// <summary>
    /// Working set above the repetition's baseline (the process's working set just before its tasks
    /// started) divided by <see cref="TasksInFlight"/>: what one waiting task costs in memory, live.
    /// Null when no task is in flight here.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BytesPerTask { get; init; }

    /// <summary>Threads the pool added for starvation (adjustment reason 6) since the previous sample.</summary>
    public long Starvations { get; init; }
}
