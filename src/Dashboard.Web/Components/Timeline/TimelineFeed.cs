using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dashboard.Web.Runs.Feed;
namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// The live page's one feed subscription, handed on to its <see cref="RunTimeline"/>: the page reads
/// <see cref="IRunFeed"/> once and writes each message here; the timeline reads them in the same
/// order, the same objects while it keeps up (no second snapshot copy, no second watcher on the run).
/// </summary>
/// <remarks>
/// A write never waits: a timeline behind by <see cref="Capacity"/> messages gets the ones written
/// meanwhile as one, their events joined in order and the latest run summary kept (what the feed's
/// watcher does for a slow page, <see cref="RunWatcher"/>). So a timeline behind a busy browser never
/// holds the page's loop, which hears the run's end, and renders it, as soon as it is published
/// (with ten pages on two cores a page heard the end 2.3 s late while its hand-over was full). It
/// holds at most the run's events, which the run holds anyway. A reader that leaves (<see cref="Detach"/>)
/// turns further writes into no-ops.
/// </remarks>
public sealed class TimelineFeed(long runId)
{
    /// <summary>Messages held apart for a timeline that has not caught up; later ones are joined into one.</summary>
    public const int Capacity = 8;

    private readonly Lock _gate = new();
    private readonly Channel<RunFeedMessage> _channel = Channel.CreateBounded<RunFeedMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    // Written while the channel was full: one message, handed on when the reader takes one.
    private RunFeedMessage? _pending;
    private (bool Done, Exception? Error) _completion;
    private bool _detached;

    /// <summary>The run whose messages this carries.</summary>
    public long RunId { get; } = runId;

    /// <summary>Hands one message on, or joins it to those the reader has not had room for; a no-op once it left.</summary>
    public ValueTask WriteAsync(RunFeedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_detached || _completion.Done)
            {
                return ValueTask.CompletedTask;
            }

            if (_pending is null && _channel.Writer.TryWrite(message))
            {
                return ValueTask.CompletedTask;
            }

            _pending = _pending is null ? message : Join(_pending, message);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The page's subscription ended: normally (null) or with the error the reader should report, after what is held.</summary>
    public void Complete(Exception? error = null)
    {
        lock (_gate)
        {
            if (_completion.Done)
            {
                return;
            }

            _completion = (true, error);
            if (_pending is null)
            {
                _channel.Writer.TryComplete(error);
            }
        }
    }

    /// <summary>The messages in feed order, until <see cref="Complete"/> (rethrowing its error).</summary>
    public async IAsyncEnumerable<RunFeedMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_channel.Reader.TryRead(out var message))
            {
                MovePending();
                yield return message;
            }
        }
    }

    /// <summary>The reader stopped for good: later writes are dropped.</summary>
    public void Detach()
    {
        lock (_gate)
        {
            _detached = true;
            _pending = null;
            _channel.Writer.TryComplete();
        }
    }

    /// <summary>The reader took one: the joined message takes the free place (and the end follows it).</summary>
    private void MovePending()
    {
        lock (_gate)
        {
            if (_pending is not null && _channel.Writer.TryWrite(_pending))
            {
                _pending = null;
                if (_completion.Done)
                {
                    _channel.Writer.TryComplete(_completion.Error);
                }
            }
        }
    }

    /// <summary>Two messages in feed order as one: the events of both, the later run summary (a snapshot stays a snapshot).</summary>
    internal static RunFeedMessage Join(RunFeedMessage first, RunFeedMessage second)
    {
        var events = first switch
        {
            RunFeedSnapshot s => s.Events,
            RunFeedBatch b => b.Events,
            _ => [],
        };
        var (more, run) = second switch
        {
            RunFeedSnapshot s => (s.Events, s.Run),
            RunFeedBatch b => (b.Events, b.Run),
            _ => ((IReadOnlyList<WireEvent>)[], null),
        };
        IReadOnlyList<WireEvent> joined = more.Count == 0 ? events : events.Count == 0 ? more : [.. events, .. more];
        return first switch
        {
            RunFeedSnapshot s => s with { Events = joined, Run = run ?? s.Run, LastSeq = second is RunFeedSnapshot later ? later.LastSeq : s.LastSeq },
            RunFeedBatch b => b with { Events = joined, Run = run ?? b.Run },
            _ => second,
        };
    }
}
