namespace Dashboard.Engine.Workers;

/// <summary>How a worker process runs its share of tasks.</summary>
public enum WorkerMode
{
    /// <summary>One task after another with the workload's blocking form.</summary>
    Sequential,

    /// <summary>All tasks at once with the workload's async form (optionally capped), then WhenAll.</summary>
    Async,
}
