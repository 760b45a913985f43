namespace Dashboard.Engine.Workloads;

/// <summary>Whether this process has GMP (and why not): the one fact about the host a workload's creation depends on.</summary>
internal sealed record GmpAvailability(GmpLibrary? Library, string? Error)
{
    /// <summary>The system's GMP as this process loaded it.</summary>
    public static GmpAvailability Shared => new(GmpLibrary.Shared, GmpLibrary.DefaultError);
}
