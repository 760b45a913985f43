using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Feed;

/// <summary>Thrown when a run already has <see cref="LiveRun.MaxWatchers"/> watchers.</summary>
public sealed class RunFeedFullException(long runId)
    : InvalidOperationException($"Run {runId} already has {LiveRun.MaxWatchers:N0} watchers, the most one run serves; try again when some have left.")
{
    public long RunId { get; } = runId;
}
