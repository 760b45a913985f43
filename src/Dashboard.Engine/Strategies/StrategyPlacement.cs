namespace Dashboard.Engine.Strategies;

/// <summary>Where a strategy's tasks run.</summary>
public enum StrategyPlacement
{
    /// <summary>In the process that runs the plan (the app, or the bench).</summary>
    InProcess,

    /// <summary>In worker processes the strategy starts (the Dashboard.Worker executable).</summary>
    WorkerProcesses,

    /// <summary>On lab nodes (Orleans silos) the cluster connection provides.</summary>
    LabNodes,

    /// <summary>In the Python twins' runner and its processes (a twin's result key).</summary>
    Python,
}
