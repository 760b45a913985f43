using System.Runtime.CompilerServices;
using System.Text.Json;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hubs;

/// <summary>
/// SignalR hub at <see cref="RunHubExtensions.Path"/>: watch one run live, cancel runs, measure round trips.
/// </summary>
public sealed class RunHub(IRunQueue queue, IRunFeed feed, IOptions<JsonHubProtocolOptions> json, RunHubShutdown shutdown) : Hub
{
    /// <summary>
    /// Streams one run: a "snapshot" message, then "batch" messages; the stream ends after the
    /// batch whose run is finished. Unknown run: a <see cref="HubException"/>. Task spans travel
    /// only in a finished run's summary (<see cref="WireTrim"/>); the task events carry the same facts.
    /// Each message is serialised once for all the connections that receive it (<see cref="WireMessage"/>).
    /// </summary>
    public IAsyncEnumerable<WireMessage> Watch(long runId, CancellationToken cancellationToken)
    {
        try
        {
            var messages = feed.WatchAsync(runId, cancellationToken);
            return ForWire(messages, json.Value.PayloadSerializerOptions, shutdown, Context, cancellationToken);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or RunFeedFullException)
        {
            throw new HubException(ex.Message);
        }
    }

    /// <summary>Cancels a queued or running run; false when unknown or already finished. The owner's only.</summary>
    [RequiresOwner]
    public bool Cancel(long runId) => queue.Cancel(runId);

    /// <summary>The run now, or null when unknown (<see cref="WireRun"/>: the summary's JSON shape over either protocol).</summary>
    public WireRun? GetRun(long runId) => queue.Find(runId) is { } run ? new WireRun(WireTrim.ForWire(run)) : null;

    /// <summary>Echoes its argument: a round trip through the hub (used to measure responsiveness).</summary>
    public long Ping(long value) => value;

    /// <summary>The connection is gone: a graceful stop no longer waits for it.</summary>
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        shutdown.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private static async IAsyncEnumerable<WireMessage> ForWire(
        IAsyncEnumerable<RunFeedMessage> messages, JsonSerializerOptions options, RunHubShutdown shutdown, HubCallerContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        shutdown.WatchStarted(context);
        try
        {
            await foreach (var message in messages.WithCancellation(cancellationToken))
            {
                yield return WireMessage.For(message, options);
            }
        }
        finally
        {
            shutdown.WatchEnded(context.ConnectionId);
        }
    }
}
