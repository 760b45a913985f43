namespace Dashboard.Engine.Workloads;

/// <summary>What the run budget knows when it asks a workload what its tasks cost run one after another.</summary>
/// <param name="Tasks">The task count (never negative).</param>
/// <param name="Python">True for the Python twin's cost (its own per-task overheads and arithmetic); false for .NET's.</param>
/// <param name="TargetWaitSeconds">The mean wait of one call to the workload's target (latency plus half the jitter); null for workloads that call none.</param>
/// <param name="PageSizeKb">The simulated pages' size.</param>
/// <param name="RealTargets">True against custom or real targets: the knobs mean nothing there, the tutorial's real-site timings stand in.</param>
public sealed record CostInput(int Tasks, bool Python, double? TargetWaitSeconds, int PageSizeKb, bool RealTargets);
