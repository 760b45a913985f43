namespace Dashboard.Engine.Workloads;

/// <summary>A named set of parameters for one workload, with one line for the UI.</summary>
public sealed record WorkloadPreset(string Preset, WorkloadParameters Parameters, string Description)
{
    /// <summary>The workload the preset is for.</summary>
    public string Workload => Parameters.Workload;

    /// <summary>
    /// Sizes the preset to a machine (its engine, runtime and CPU calibration) when a fixed size
    /// cannot teach everywhere; null keeps <see cref="Parameters"/>.
    /// </summary>
    public Func<PresetMachine, WorkloadParameters>? Fit { get; init; }

    /// <summary>What the preset's sizes take on that machine, in words ("about 1.0 s in .NET sequentially on this machine ..."); null when the description says it all.</summary>
    public Func<WorkloadParameters, PresetMachine, string>? Expect { get; init; }

    /// <summary>The preset's parameters on <paramref name="machine"/>.</summary>
    public WorkloadParameters For(PresetMachine machine) => Fit?.Invoke(machine) ?? Parameters;
}
