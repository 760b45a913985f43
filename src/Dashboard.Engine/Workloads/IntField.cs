namespace Dashboard.Engine.Workloads;

/// <summary>A whole-number parameter with its bounds.</summary>
public abstract record IntField : WorkloadField
{
    public required int Min { get; init; }

    public required int Max { get; init; }

    public abstract int Get(WorkloadParameters parameters);

    /// <summary><paramref name="parameters"/> with this field set (no clamping: validation judges it).</summary>
    public abstract WorkloadParameters With(WorkloadParameters parameters, int value);
}
