using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Running;

/// <summary>How a <see cref="LabRunner"/> runs strategies.</summary>
public sealed record LabRunnerOptions
{
    public static readonly TimeSpan MaxGracePeriod = TimeSpan.FromMinutes(1);

    /// <summary>Dashboard.Worker.dll or its apphost; null = next to the entry assembly.</summary>
    public string? WorkerPath { get; init; }

    /// <summary>
    /// The Python 3 interpreter that runs the twins; null = /usr/bin/python3 where it exists
    /// (Debian's packaged libraries live there), else python3 from PATH.
    /// </summary>
    public string? PythonPath { get; init; }

    /// <summary>
    /// Run tasks on lowered-priority threads and worker processes (nice 10), so a CPU-bound
    /// strategy that saturates every core leaves the web server its CPU. Default true.
    /// </summary>
    public bool BackgroundPriority { get; init; } = true;

    /// <summary>How long a cancelled worker process may take to stop before it is killed.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The HTTP workloads' per-request timeout for runs whose <see cref="WorkloadEnvironment"/>
    /// sets none; null = <see cref="WorkloadEnvironment.DefaultRequestTimeoutMs"/>.
    /// </summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Shortest <see cref="CounterInterval"/>.</summary>
    public static readonly TimeSpan MinCounterInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest <see cref="CounterInterval"/>.</summary>
    public static readonly TimeSpan MaxCounterInterval = TimeSpan.FromMilliseconds(1000);

    /// <summary>
    /// How often each process's runtime counters (CPU user/system, threads, pool, GC, memory) are
    /// sampled while a strategy runs, 10-1000 ms; null = not sampled. Default 50 ms.
    /// </summary>
    public TimeSpan? CounterInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Measure where each task's time went (CPU, ready, waiting: <see cref="TaskTimes"/>), in
    /// process and in worker processes. Default true; off only to measure what it costs.
    /// </summary>
    public bool TimeSplit { get; init; } = true;

    /// <summary>How often peak memory is sampled during a repetition.</summary>
    public TimeSpan MemorySampleInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Creates the in-process workload of a run; null = WorkloadFactory.Create. Worker processes
    /// always use WorkloadFactory.Create.
    /// </summary>
    public Func<WorkloadParameters, WorkloadEnvironment, IWorkload>? WorkloadFactory { get; init; }

    /// <summary>The lab nodes the <c>cluster</c> strategy sends its tasks to; null = no cluster (its tasks fail).</summary>
    public Cluster.ITaskCluster? Cluster { get; init; }

    /// <summary>Structured log sink (worker stderr, kills, protocol problems); null = silent.</summary>
    public EngineLog? Log { get; init; }
}
