namespace Dashboard.Engine.Workloads;

/// <summary>An <see cref="IntField"/> of one parameters type.</summary>
public sealed record IntField<T> : IntField where T : WorkloadParameters
{
    public required Func<T, int> Value { get; init; }

    public required Func<T, int, T> Set { get; init; }

    public override int Get(WorkloadParameters parameters) => Value((T)parameters);

    public override WorkloadParameters With(WorkloadParameters parameters, int value) => Set((T)parameters, value);
}
