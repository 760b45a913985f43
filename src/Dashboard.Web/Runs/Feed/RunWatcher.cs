using System.Threading.Channels;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Feed;

/// <summary>
/// One subscriber of one run. It holds no events, only how far it has read and a one-slot doorbell:
/// the run rings it (never waits on it) when there is something new, and the watcher pulls all it
/// has not seen yet. A slow watcher therefore coalesces: it gets fewer, larger batches, misses
/// nothing, and never slows the run or holds memory of its own.
/// </summary>
public sealed class RunWatcher
{
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>The last event Seq this watcher has been given. Guarded by the run's lock.</summary>
    internal long SentSeq { get; set; }

    /// <summary>The summary version this watcher has been given. Guarded by the run's lock.</summary>
    internal long SentVersion { get; set; }

    internal void Ring() => _doorbell.Writer.TryWrite(true);

    /// <summary>Waits for the next ring (returns at once when one is pending).</summary>
    internal async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (await _doorbell.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _doorbell.Reader.TryRead(out _);
        }
    }
}
