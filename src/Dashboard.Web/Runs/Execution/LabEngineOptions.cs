using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Execution;

/// <summary>How the app runs the engine (configuration section "Lab").</summary>
public sealed class LabEngineOptions
{
    public const string SectionName = "Lab";

    /// <summary>Base address of the targets; empty = this app's own /sim/ on its loopback address.</summary>
    public string? TargetBaseUrl { get; set; }

    /// <summary>Lower the priority of task threads and worker processes so Kestrel keeps its CPU.</summary>
    public bool BackgroundPriority { get; set; } = true;

    /// <summary>How long a cancelled worker process may take to stop before it is killed.</summary>
    public int GracePeriodMs { get; set; } = 1_000;

    /// <summary>How often each process's runtime counters are sampled during a strategy, 10-1000 ms; 0 = off.</summary>
    public int CounterIntervalMs { get; set; } = 50;

    /// <summary>How long one HTTP request of a task may take before the task fails with a timeout.</summary>
    public int RequestTimeoutMs { get; set; } = 30_000;

    /// <summary>The Python 3 interpreter of the twins (runtime python/both); empty = /usr/bin/python3, else python3 on PATH.</summary>
    public string? PythonPath { get; set; }

    /// <summary>
    /// Measure this machine's CPU calibration before the first power run of each engine (a few
    /// seconds, then cached in the data folder) so CPU limits use it; off = limits from the core count.
    /// </summary>
    public bool CalibrateCpu { get; set; } = true;

    /// <summary>Dashboard.Worker.dll or its apphost; empty = next to the app.</summary>
    public string? WorkerPath { get; set; }
}
