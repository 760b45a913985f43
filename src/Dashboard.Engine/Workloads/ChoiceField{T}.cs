namespace Dashboard.Engine.Workloads;

/// <summary>A <see cref="ChoiceField"/> of one parameters type.</summary>
public sealed record ChoiceField<T> : ChoiceField where T : WorkloadParameters
{
    public required Func<T, string?> Value { get; init; }

    public required Func<T, string?, T> Set { get; init; }

    public override string? Get(WorkloadParameters parameters) => Value((T)parameters);

    public override WorkloadParameters With(WorkloadParameters parameters, string? value) =>
        value is null || Accepts(value)
            ? Set((T)parameters, value)
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{Name} must be {ChoiceList}.");
}
