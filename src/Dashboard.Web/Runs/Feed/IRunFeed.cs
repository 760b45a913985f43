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

    /// <summary>
    /// Where a run that ran and ended ran (<see cref="LiveRun.Environment"/>), from memory: what its
    /// watchers' limits use when they hear the end, before the store has it. Null while it runs or once forgotten.
    /// </summary>
    Host.RunEnvironment? EnvironmentOf(long runId);
}
