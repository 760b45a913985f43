namespace Dashboard.Engine.Workloads;

/// <summary>A named set of parameters for one workload, with one line for the UI.</summary>
public sealed record WorkloadPreset(string Workload, string Preset, WorkloadParameters Parameters, string Description);
