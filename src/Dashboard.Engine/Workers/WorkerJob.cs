using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Workers;

/// <summary>
/// The one job a worker process reads from stdin (a single JSON line): which tasks of which
/// workload to run, and how.
/// </summary>
/// <param name="Tasks">Task indices of this worker's share, in the order to run them (empty when <paramref name="Pull"/>).</param>
/// <param name="AsyncCap">Most tasks in flight at once in <see cref="WorkerMode.Async"/>; null = uncapped.</param>
/// <param name="BackgroundPriority">Lower the worker's threads' priority (nice 10) so the host keeps CPU.</param>
/// <param name="Pull">Tasks arrive after the job, as <see cref="WorkerTasks"/> lines on stdin, until one says End.</param>
public sealed record WorkerJob(
    WorkloadParameters Parameters,
    WorkloadEnvironment Environment,
    WorkerMode Mode,
    int[] Tasks,
    int? AsyncCap,
    string Strategy,
    int Repetition,
    bool BackgroundPriority,
    bool Pull = false)
{
    /// <summary>Send <see cref="WorkerCounters"/> this often (10-1000 ms); null = no counters.</summary>
    public int? CounterIntervalMs { get; init; }

    /// <summary>Measure each task's CPU and ready time and send them with its end (<see cref="Running.TaskFlow"/>).</summary>
    public bool TimeSplit { get; init; } = true;
}
