using System.Collections.Concurrent;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Web.Hubs;

/// <summary>
/// A graceful stop (SIGTERM) tells watchers how their runs ended before their connections close.
/// SignalR closes every connection when the app begins to stop (its connection manager listens to
/// <see cref="IHostApplicationLifetime.ApplicationStopping"/>), at once and without sending what is
/// still queued; the run service ends the running run on the same signal. Stopping callbacks run
/// last-registered first, so this one, registered after the hubs were mapped (which created
/// SignalR's manager and its callback), runs before SignalR's and holds it back, bounded, until the
/// runs that were going have their final state and their watchers have read it. Then it closes the
/// connections that watched, itself and gracefully (<see cref="HubCallerContext.Abort"/>: what the
/// hub wrote, the stream's end included, is sent before the close), and waits for them to go.
/// The run service's own callback (registered when it started, later still) has already cancelled
/// the run by then.
/// </summary>
public sealed class RunHubShutdown(IHostApplicationLifetime lifetime, RunQueue queue, ILogger<RunHubShutdown> logger)
{
    /// <summary>How long the runs may take to end and be stored (the run service's handlers have 20 s; a run ends in well under that).</summary>
    public static readonly TimeSpan RunsEndWithin = TimeSpan.FromSeconds(15);

    /// <summary>How long watchers may take to read the final batch once it is published, and again to be closed.</summary>
    public static readonly TimeSpan WatchersReadWithin = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Connections with a Watch stream, by connection id: removed when they disconnect (bounded by the hub's connection limits).</summary>
    private readonly ConcurrentDictionary<string, Watching> _watching = new();

    /// <summary>Registers the wait; call once, after the hubs are mapped.</summary>
    public void Register() => lifetime.ApplicationStopping.Register(Drain);

    /// <summary>A Watch stream began on this connection.</summary>
    public void WatchStarted(HubCallerContext context) =>
        Interlocked.Increment(ref _watching.GetOrAdd(context.ConnectionId, _ => new Watching(context)).Streams);

    /// <summary>A Watch stream of this connection ended (its last message was handed to SignalR).</summary>
    public void WatchEnded(string connectionId)
    {
        if (_watching.TryGetValue(connectionId, out var watching))
        {
            Interlocked.Decrement(ref watching.Streams);
        }
    }

    /// <summary>The connection is gone.</summary>
    public void Disconnected(string connectionId) => _watching.TryRemove(connectionId, out _);

    private void Drain()
    {
        var going = queue.List().Where(r => !r.IsFinished).Select(r => r.Id).ToList();
        if (going.Count == 0)
        {
            return;
        }

        logger.LogInformation("App stopping: holding connections until runs {RunIds} have ended and their watchers were told", going);
        try
        {
            // A stopping callback is synchronous: this thread waits, bounded, while the runs end elsewhere.
            DrainAsync(going).Wait(RunsEndWithin + WatchersReadWithin + WatchersReadWithin + LiveRunPage.RenderInterval);
        }
        catch (AggregateException ex)
        {
            logger.LogWarning(ex, "App stopping: waiting for runs {RunIds} to end failed", going);
        }
    }

    private async Task DrainAsync(IReadOnlyList<long> runs)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (runs.Any(id => queue.Find(id) is { IsFinished: false }))
        {
            if (TimeProvider.System.GetElapsedTime(started) > RunsEndWithin)
            {
                logger.LogWarning("App stopping: runs {RunIds} did not end within {Seconds} s; closing connections anyway", runs, RunsEndWithin.TotalSeconds);
                return;
            }

            await Task.Delay(Poll);
        }

        started = TimeProvider.System.GetTimestamp();
        while (runs.Any(id => queue.Get(id) is { WatcherCount: > 0 }) && TimeProvider.System.GetElapsedTime(started) < WatchersReadWithin)
        {
            await Task.Delay(Poll);
        }

        // Live pages fold the final batch in at once but render on their next tick: let one pass.
        // It also lets SignalR write each ended stream's completion after its last message.
        await Task.Delay(LiveRunPage.RenderInterval);

        // Close the hub connections whose streams have all ended, gracefully: SignalR's own close
        // at shutdown drops what its transports have not sent yet (under load, the stream's end).
        var closing = _watching.Values.Where(w => Volatile.Read(ref w.Streams) <= 0).ToList();
        foreach (var watching in closing)
        {
            watching.Context.Abort();
        }

        started = TimeProvider.System.GetTimestamp();
        while (closing.Any(w => _watching.ContainsKey(w.Context.ConnectionId)) && TimeProvider.System.GetElapsedTime(started) < WatchersReadWithin)
        {
            await Task.Delay(Poll);
        }

        logger.LogInformation("App stopping: runs {RunIds} ended, their watchers were told and {Closed} watching connections closed", runs, closing.Count);
    }

    private sealed class Watching(HubCallerContext context)
    {
        public readonly HubCallerContext Context = context;
        public int Streams;
    }
}
