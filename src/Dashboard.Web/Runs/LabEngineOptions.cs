namespace Dashboard.Web.Runs;

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

    /// <summary>Dashboard.Worker.dll or its apphost; empty = next to the app.</summary>
    public string? WorkerPath { get; set; }
}
