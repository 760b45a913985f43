using System.Runtime.CompilerServices;

namespace Dashboard.Web.Runs;

/// <summary>
/// Watching one run: register, take the snapshot under the run's lock, then pull batches each time
/// the run rings (at most every batch interval while it runs). See <see cref="RunWatcher"/> for why a
/// slow watcher coalesces instead of being dropped.
/// </summary>
public sealed class RunFeed(RunQueue queue) : IRunFeed
{
    public IAsyncEnumerable<RunFeedMessage> WatchAsync(long runId, CancellationToken cancellationToken)
    {
        // Checked here, not inside the iterator, so an unknown id fails at the call, not at the first read.
        var run = queue.Get(runId)
            ?? throw new KeyNotFoundException($"Run {runId} does not exist (or is too old to be kept in memory).");
        return WatchAsync(run, cancellationToken);
    }

    private static async IAsyncEnumerable<RunFeedMessage> WatchAsync(
        LiveRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watcher = run.Subscribe(out var snapshot);
        try
        {
            yield return snapshot;
            while (true)
            {
                // Finish rings every registered watcher, so a run finishing right after this check still wakes us.
                if (!run.Summary.IsFinished)
                {
                    await watcher.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                var batch = run.TakeBatch(watcher, out var last);
                if (batch is not null)
                {
                    yield return batch;
                }

                if (last)
                {
                    yield break;
                }
            }
        }
        finally
        {
            run.Unsubscribe(watcher);
        }
    }
}
