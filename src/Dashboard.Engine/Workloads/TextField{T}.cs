namespace Dashboard.Engine.Workloads;

/// <summary>A <see cref="TextField"/> of one parameters type.</summary>
public sealed record TextField<T> : TextField where T : WorkloadParameters
{
    public required Func<T, string> Value { get; init; }

    public required Func<T, string, T> Set { get; init; }

    public override string Get(WorkloadParameters parameters) => Value((T)parameters);

    public override WorkloadParameters With(WorkloadParameters parameters, string value) => Set((T)parameters, value);
}
