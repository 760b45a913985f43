using Dashboard.Web.Components.Pages;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Hubs;

/// <summary>
/// A graceful stop (SIGTERM) tells watchers how their runs ended before their connections close.
/// SignalR closes every connection when the app begins to stop (its connection manager listens to
/// <see cref="IHostApplicationLifetime.ApplicationStopping"/>); the run service ends the running run
/// on the same signal. Stopping callbacks run last-registered first, so this one, registered after
/// the hubs were mapped (which created SignalR's manager and its callback), runs before SignalR's
/// and holds it back, bounded, until the runs that were going have their final state and their
/// watchers have read it. The run service's own callback (registered when it started, later still)
/// has already cancelled the run by then.
/// </summary>
internal sealed class RunHubShutdown(IHostApplicationLifetime lifetime, RunQueue queue, ILogger<RunHubShutdown> logger)
{
    /// <summary>How long the runs may take to end and be stored (the run service's handlers have 20 s; a run ends in well under that).</summary>
    public static readonly TimeSpan RunsEndWithin = TimeSpan.FromSeconds(15);

    /// <summary>How long watchers may take to read the final batch once it is published.</summary>
    public static readonly TimeSpan WatchersReadWithin = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Registers the wait; call once, after the hubs are mapped.</summary>
    public void Register() => lifetime.ApplicationStopping.Register(Drain);

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
            DrainAsync(going).Wait(RunsEndWithin + WatchersReadWithin + LiveRunPage.RenderInterval);
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
        await Task.Delay(LiveRunPage.RenderInterval);
        logger.LogInformation("App stopping: runs {RunIds} ended and their watchers were told", runs);
    }
}
