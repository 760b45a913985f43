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
    private static readonly ConditionalWeakTable<IReadOnlyList<WireEvent>, Lazy<string[]>> Packed = new();

    /// <summary>The events as <see cref="TimelinePayload"/> slices of at most <see cref="TimelinePayload.MaxEventsPerCall"/> events, in order.</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<WireEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return [];
        }

        // Pages that ask at once share one Lazy: the slices are written once.
        return Packed.GetValue(events, e => new Lazy<string[]>(() => Write(e))).Value;
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
