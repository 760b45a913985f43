namespace Dashboard.Engine.Workloads;

/// <summary>The seconds a workload's tasks take run one after another, and what the figure rests on, in words.</summary>
public sealed record WorkloadEstimate(double Seconds, string Basis);
