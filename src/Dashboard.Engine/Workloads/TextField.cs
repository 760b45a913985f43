namespace Dashboard.Engine.Workloads;

/// <summary>A one-line text parameter with its longest length.</summary>
public abstract record TextField : WorkloadField
{
    public required int MaxLength { get; init; }

    public abstract string Get(WorkloadParameters parameters);

    /// <summary><paramref name="parameters"/> with this field set (no trimming: validation judges it).</summary>
    public abstract WorkloadParameters With(WorkloadParameters parameters, string value);
}
