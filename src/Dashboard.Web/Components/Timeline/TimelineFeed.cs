using System.Threading.Channels;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// The live page's one feed subscription, handed on to its <see cref="RunTimeline"/>: the page reads
/// <see cref="IRunFeed"/> once and writes each message here; the timeline reads them in the same
/// order, the same objects (no second snapshot copy, no second watcher on the run).
/// </summary>
/// <remarks>
/// Bounded: a timeline behind by <see cref="Capacity"/> messages holds the page's loop, and with it
/// the feed's watcher, which then coalesces batches (see <see cref="RunWatcher"/>); nothing piles up
/// here. A reader that leaves (<see cref="Detach"/>) turns further writes into no-ops, so a timeline
/// that stopped never blocks the page.
/// </remarks>
public sealed class TimelineFeed(long runId)
{
    /// <summary>Messages held for a timeline that has not caught up (it also waits for its module to load).</summary>
    public const int Capacity = 8;

    private readonly Channel<RunFeedMessage> _channel = Channel.CreateBounded<RunFeedMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The run whose messages this carries.</summary>
    public long RunId { get; } = runId;

    /// <summary>Hands one message on; waits while the reader is <see cref="Capacity"/> behind; a no-op once it left.</summary>
    public async ValueTask WriteAsync(RunFeedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        while (await _channel.Writer.WaitToWriteAsync(cancellationToken))
        {
            if (_channel.Writer.TryWrite(message))
            {
                return;
            }
        }
    }

    /// <summary>The page's subscription ended: normally (null) or with the error the reader should report.</summary>
    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    /// <summary>The messages in feed order, until <see cref="Complete"/> (rethrowing its error).</summary>
    public IAsyncEnumerable<RunFeedMessage> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>The reader stopped for good: later writes are dropped instead of waiting.</summary>
    public void Detach() => _channel.Writer.TryComplete();
}
