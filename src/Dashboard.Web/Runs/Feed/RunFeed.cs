using System.Runtime.CompilerServices;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Feed;

/// <summary>
/// Watching one run: register, take the snapshot under the run's lock, then pull batches each time
/// the run rings (at most every batch interval while it runs). See <see cref="RunWatcher"/> for why a
/// slow watcher coalesces instead of being dropped. An old finished run keeps only its summary in
/// memory (<see cref="LiveRun.ReleaseEvents"/>); its spans are read back from the store.
/// </summary>
public sealed class RunFeed(RunQueue queue, ILogger<RunFeed> logger, IStoredResults? store = null) : IRunFeed
{
    public IAsyncEnumerable<RunFeedMessage> WatchAsync(long runId, CancellationToken cancellationToken)
    {
        // Checked here, not inside the iterator, so an unknown id fails at the call, not at the first read.
        var run = queue.Get(runId)
            ?? throw new KeyNotFoundException($"Run {runId} does not exist (or is too old to be kept in memory).");

        // Refused here too so callers see it at the call; Subscribe enforces the bound under the run's lock.
        if (run.WatcherCount >= LiveRun.MaxWatchers)
        {
            throw new RunFeedFullException(runId);
        }

        return WatchAsync(run, cancellationToken);
    }

    public Host.RunEnvironment? EnvironmentOf(long runId) => queue.Get(runId)?.Environment;

    private async IAsyncEnumerable<RunFeedMessage> WatchAsync(
        LiveRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watcher = run.Subscribe(out var snapshot);
        try
        {
            IReadOnlyList<Engine.Running.StrategyResult>? storedResults = null;
            // A large run's spans never travel whole (WireTrim); its watchers read windows from the API instead.
            if (snapshot.Run.IsFinished && run.TimelineReleased && !run.Aggregated)
            {
                storedResults = await StoredResultsAsync(run.Id, cancellationToken).ConfigureAwait(false);
                if (storedResults is not null)
                {
                    snapshot = snapshot with { Run = snapshot.Run with { Results = storedResults } };
                }
            }

            yield return snapshot;
            var last = false;
            while (!last)
            {
                // A snapshot of a finished run is followed by the closing batch at once; otherwise
                // wait: every publish after Subscribe rings this watcher, the last one included.
                if (!snapshot.Run.IsFinished)
                {
                    await watcher.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                var batch = run.TakeBatch(watcher, out last);
                if (batch is not null)
                {
                    yield return storedResults is not null && batch.Run is { } summary
                        ? batch with { Run = summary with { Results = storedResults } }
                        : batch;
                }
            }
        }
        finally
        {
            run.Unsubscribe(watcher);
        }
    }

    private async Task<IReadOnlyList<Engine.Running.StrategyResult>?> StoredResultsAsync(long id, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return null;
        }

        try
        {
            return await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Run {RunId}: could not read its spans back from the store; watchers get the summary without them", id);
            return null;
        }
    }
}
