namespace Dashboard.Engine.Workloads;

/// <summary>What a repetition of a workload leaves in its output folder at most: so many files of at most so many bytes each.</summary>
public sealed record OutputFiles(long Count, long BytesEach)
{
    /// <summary>No files at all.</summary>
    public static OutputFiles None { get; } = new(0, 0);
}
