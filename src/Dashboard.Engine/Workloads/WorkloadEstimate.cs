namespace Dashboard.Engine.Workloads;

/// <summary>The seconds a workload's tasks take run one after another, and what the figure rests on, in words.</summary>
/// <param name="Seconds">All tasks one after another.</param>
/// <param name="Basis">What the figure rests on, e.g. "the simulated genre API's latency".</param>
/// <param name="WaitSeconds">
/// The part of <paramref name="Seconds"/> spent waiting (timers, the targets' latency): waits overlap
/// in a strategy with many lanes, the rest is CPU work that only more cores share
/// (<see cref="Strategies.StrategyCost"/>).
/// </param>
public sealed record WorkloadEstimate(double Seconds, string Basis, double WaitSeconds = 0);
