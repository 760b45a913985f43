namespace Dashboard.Engine.Workloads;

/// <summary>A <see cref="WorkloadDescriptor"/> written against its own parameters type.</summary>
public sealed record WorkloadDescriptor<T> : WorkloadDescriptor where T : WorkloadParameters
{
    public required T Default { get; init; }

    public required IReadOnlyList<WorkloadPreset> PresetList { get; init; }

    public required Func<T, string> Description { get; init; }

    public required Func<T, CostInput, WorkloadEstimate> Cost { get; init; }

    public Func<T, double?> Wait { get; init; } = _ => null;

    public Func<T, PowerEngine?> Engine { get; init; } = _ => null;

    public Func<T, string, bool, string?> SystemTime { get; init; } = (_, _, _) => null;

    public Func<T, OutputFiles> Files { get; init; } = _ => OutputFiles.None;

    internal Func<T, WorkloadEnvironment, GmpAvailability, IWorkload>? Factory { get; init; }

    internal Action<T, GmpAvailability, ParameterErrors> HostCheck { get; init; } = (_, _, _) => { };

    public override Type ParametersType => typeof(T);

    public override WorkloadParameters Defaults => Default;

    public override IReadOnlyList<WorkloadPreset> Presets => PresetList;

    public override string Describe(WorkloadParameters parameters) => Description((T)parameters);

    public override double? WaitSeconds(WorkloadParameters parameters) => Wait((T)parameters);

    public override WorkloadEstimate Estimate(WorkloadParameters parameters, CostInput input) => Cost((T)parameters, input);

    public override PowerEngine? Arithmetic(WorkloadParameters parameters) => Engine((T)parameters);

    public override string? SystemTimeNote(WorkloadParameters parameters, string place, bool inMemory) => SystemTime((T)parameters, place, inMemory);

    public override OutputFiles Outputs(WorkloadParameters parameters) => Files((T)parameters);

    internal override IWorkload Create(WorkloadParameters parameters, WorkloadEnvironment environment, GmpAvailability gmp) =>
        (Factory ?? throw new InvalidOperationException($"Workload {Id} has no factory."))((T)parameters, environment, gmp);

    internal override void CheckHost(WorkloadParameters parameters, GmpAvailability gmp, ParameterErrors errors) => HostCheck((T)parameters, gmp, errors);
}
