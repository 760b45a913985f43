using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Components;

/// <summary>
/// A feed the test drives: every watcher gets its own channel, and <see cref="Publish"/> writes a
/// message to all of them (the real feed also serves each watcher separately).
/// </summary>
internal sealed class ChannelRunFeed : IRunFeed
{
    private readonly object _gate = new();
    private readonly List<(long RunId, Channel<RunFeedMessage> Channel)> _watchers = [];
    private readonly TaskCompletionSource _firstWatcher = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a component has subscribed.</summary>
    public Task FirstWatcher => _firstWatcher.Task;

    public int WatcherCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    public int WatchersOf(long runId)
    {
        lock (_gate)
        {
            return _watchers.Count(w => w.RunId == runId);
        }
    }

    /// <summary>What <see cref="EnvironmentOf"/> answers for every run (the real feed: the ended run's, from memory).</summary>
    public Dashboard.Web.Runs.Host.RunEnvironment? Environment { get; set; }

    public Dashboard.Web.Runs.Host.RunEnvironment? EnvironmentOf(long runId) => Environment;

    public void Publish(RunFeedMessage message)
    {
        lock (_gate)
        {
            foreach (var (runId, channel) in _watchers.Where(w => w.RunId == message.RunId))
            {
                channel.Writer.TryWrite(message);
            }
        }
    }

    public void Complete(long runId)
    {
        lock (_gate)
        {
            foreach (var (_, channel) in _watchers.Where(w => w.RunId == runId))
            {
                channel.Writer.TryComplete();
            }
        }
    }

    public async IAsyncEnumerable<RunFeedMessage> WatchAsync(long runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<RunFeedMessage>();
        lock (_gate)
        {
            _watchers.Add((runId, channel));
        }

        _firstWatcher.TrySetResult();
        try
        {
            await foreach (var message in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return message;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.RemoveAll(w => ReferenceEquals(w.Channel, channel));
            }
        }
    }
}
