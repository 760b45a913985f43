using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Feed;

/// <summary>Live events of runs, for Blazor components (in process) and the SignalR hub alike.</summary>
public interface IRunFeed
{
    /// <summary>
    /// A <see cref="RunFeedSnapshot"/> of everything so far, then <see cref="RunFeedBatch"/>es until
    /// the run ends (the last batch carries the finished run). Nothing is missed or doubled.
    /// Throws <see cref="KeyNotFoundException"/> for an unknown run, <see cref="RunFeedFullException"/>
    /// when the run already has <see cref="LiveRun.MaxWatchers"/> watchers.
    /// </summary>
    IAsyncEnumerable<RunFeedMessage> WatchAsync(long runId, CancellationToken cancellationToken);
}
