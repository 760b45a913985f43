using System.Runtime.CompilerServices;
using Dashboard.Web.Runs.Feed;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// A feed batch packed for timeline.js once for every page that watches the run: the run hands
/// watchers at the same point the same batch object (<see cref="Runs.Lifecycle.LiveRun.TakeBatch"/>),
/// so its events list is the key, held weakly (gone with the batch). Ten pages on a run's last batch
/// (10,000 task ends and the strategy's threads and splits) wrote ten copies of the same strings.
/// </summary>
public static class TimelineSlices
{
    private static readonly ConditionalWeakTable<IReadOnlyList<WireEvent>, TaskCompletionSource<string[]>> Packed = new();

    /// <summary>
    /// The events as <see cref="TimelinePayload"/> slices of at most <see cref="TimelinePayload.MaxEventsPerCall"/>
    /// events, in order. The first page to ask writes them; pages that ask meanwhile await that write
    /// without holding a thread (ten pumps blocked on one writer would starve two cores' thread pool).
    /// </summary>
    public static async ValueTask<IReadOnlyList<string>> OfAsync(IReadOnlyList<WireEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return [];
        }

        TaskCompletionSource<string[]>? mine = null;
        var packed = Packed.GetValue(events, _ => mine = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (ReferenceEquals(packed, mine))
        {
            try
            {
                packed.TrySetResult(Write(events));
            }
            catch (Exception e)
            {
                packed.TrySetException(e);
            }
        }

        return await packed.Task.ConfigureAwait(false);
    }

    private static string[] Write(IReadOnlyList<WireEvent> events)
    {
        var slices = new string[(events.Count + TimelinePayload.MaxEventsPerCall - 1) / TimelinePayload.MaxEventsPerCall];
        for (var i = 0; i < slices.Length; i++)
        {
            var offset = i * TimelinePayload.MaxEventsPerCall;
            slices[i] = TimelinePayload.Write(events, offset, Math.Min(TimelinePayload.MaxEventsPerCall, events.Count - offset));
        }

        return slices;
    }
}
