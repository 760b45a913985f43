using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Storage;

/// <summary>History filter; null fields match everything.</summary>
public sealed record RunFilter(string? Workload = null, RunState? State = null)
{
    public static RunFilter All { get; } = new();
}
