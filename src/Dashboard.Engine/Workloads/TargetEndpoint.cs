namespace Dashboard.Engine.Workloads;

/// <summary>Which of the targets a workload's tasks call (simulated under /sim/, or the configured real ones).</summary>
public enum TargetEndpoint
{
    /// <summary>The genre API: a JSON string per call.</summary>
    Genres,

    /// <summary>Random wiki pages: a redirect, then an HTML page.</summary>
    Pages,
}
