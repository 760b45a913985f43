namespace Dashboard.Engine.Workloads;

/// <summary>
/// Where a workload runs: the base address of the targets (e.g. "http://127.0.0.1:5000/sim/")
/// and the run's output folder. Serialised to worker processes with the parameters.
/// </summary>
public sealed record WorkloadEnvironment(string TargetBaseUrl, string OutputDirectory);
