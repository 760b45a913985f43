namespace Dashboard.Engine.Workloads;

/// <summary>A named set of parameters for one workload, with one line for the UI.</summary>
public sealed record WorkloadPreset(string Preset, WorkloadParameters Parameters, string Description)
{
    /// <summary>The workload the preset is for.</summary>
    public string Workload => Parameters.Workload;
}
