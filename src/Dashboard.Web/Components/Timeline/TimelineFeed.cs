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
/// A write never waits, so a timeline behind a busy browser never holds the page's loop: the page
/// hears the run's end, and renders it, when it is published (with ten pages on two cores a page
/// whose bounded hand-over was full heard it up to 2.5 s late). What the timeline has not taken yet
/// are the batch objects the run hands every watcher at the same point (references; the run holds the
/// events anyway), so their packing for the browser stays shared between pages
/// (<see cref="TimelineSlices"/>); the timeline sends what has piled up in one go
/// (<see cref="TryRead"/>). Bounded all the same: a timeline <see cref="Capacity"/> messages behind
/// (minutes of batches: a browser that stopped reading) holds the page's loop, and with it the feed's
/// watcher, which then coalesces batches (<see cref="RunWatcher"/>), so a stalled page keeps at most that
/// many references. A reader that leaves (<see cref="Detach"/>) turns further writes into no-ops.
/// <para>
/// At the run's end the page holds the timeline (<see cref="HoldUntilResults"/>) until its results
/// are on screen (<see cref="ResultsShown"/>), at most <see cref="MaxHold"/>: the end's timeline
/// messages (10,000 task ends and the strategy's threads and splits, of the order of 1 MB per page)
/// and their canvas draws then follow the results in the circuit's one stream instead of going
/// first (with ten pages on two cores the results reached the screen 3-5 s after the end behind them).
/// Nothing is dropped: the held messages go over in one go when the hold ends.
/// </para>
/// </remarks>
public sealed class TimelineFeed(long runId, TimeProvider? time = null)
{
    /// <summary>Messages held for a timeline that has not taken them (at the default batch interval of 100 ms, about 7 minutes).</summary>
    public const int Capacity = 4096;

    /// <summary>The longest the end's timeline messages wait for the page's results (a page whose analysis is slow draws its timelines anyway).</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _resultsShown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _held;

    private readonly Channel<RunFeedMessage> _channel = Channel.CreateBounded<RunFeedMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The run whose messages this carries.</summary>
    public long RunId { get; } = runId;

    /// <summary>
    /// Hands one message on; waits only while the reader is <see cref="Capacity"/> behind; a no-op once
    /// the reader left or the page completed.
    /// </summary>
    public ValueTask WriteAsync(RunFeedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        return _channel.Writer.TryWrite(message) ? ValueTask.CompletedTask : WriteWhenRoomAsync(message, cancellationToken);
    }

    private async ValueTask WriteWhenRoomAsync(RunFeedMessage message, CancellationToken cancellationToken)
    {
        while (await _channel.Writer.WaitToWriteAsync(cancellationToken))
        {
            if (_channel.Writer.TryWrite(message))
            {
                return;
            }
        }
    }

    /// <summary>The page's subscription ended: normally (null) or with the error the reader should report, after what is queued.</summary>
    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    /// <summary>The messages in feed order, until <see cref="Complete"/> (rethrowing its error).</summary>
    public IAsyncEnumerable<RunFeedMessage> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>The next message if one is already queued (the reader drains a backlog without waiting).</summary>
    public bool TryRead(out RunFeedMessage message)
    {
        var read = _channel.Reader.TryRead(out var next);
        message = next!;
        return read;
    }

    /// <summary>The reader stopped for good: later writes are dropped.</summary>
    public void Detach()
    {
        _channel.Writer.TryComplete();
        ResultsShown();
    }

    /// <summary>
    /// The page heard the run's end and is about to hand its last messages over: the reader sends
    /// nothing more until <see cref="ResultsShown"/> (or <see cref="MaxHold"/>). Called before the write, so
    /// the reader never takes an end message unheld.
    /// </summary>
    public void HoldUntilResults() => _held = !_resultsShown.Task.IsCompleted;

    /// <summary>The page's results are on screen (or will not come): held messages go on. Idempotent.</summary>
    public void ResultsShown()
    {
        _held = false;
        _resultsShown.TrySetResult();
    }

    /// <summary>Whether the reader should wait before sending (<see cref="HoldUntilResults"/>).</summary>
    public bool Held => _held;

    /// <summary>
    /// Completes when the hold ends: the results are shown, <see cref="MaxHold"/> passed, or at once
    /// when nothing is held. Cancelled with <paramref name="cancellationToken"/>.
    /// </summary>
    public Task WhileHeldAsync(CancellationToken cancellationToken) => WhileHeldAsync(null, cancellationToken);

    /// <summary>As <see cref="WhileHeldAsync(CancellationToken)"/>, telling <paramref name="onHold"/> first when a hold begins.</summary>
    public async Task WhileHeldAsync(Func<CancellationToken, Task>? onHold, CancellationToken cancellationToken)
    {
        if (!_held)
        {
            return;
        }

        if (onHold is not null)
        {
            await onHold(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _resultsShown.Task.WaitAsync(MaxHold, time ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The results are late: the timelines are drawn anyway (the results follow them, as before).
            _held = false;
        }
    }
}
