using System.Text.Json;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Runs.Feed;

namespace Dashboard.Web.Tests.Components.Timeline;

public sealed class TimelineSlicesTests
{
    private static WireEvent[] Tasks(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new WireEvent(i + 1, "task", StrategyIds.Async, 0, i, "completed", i / 1000.0, i, "1:1", null))];

    [Fact]
    public async Task Of_ABurst_SlicesInOrderOfAtMostMaxEventsPerCall()
    {
        var events = Tasks((2 * TimelinePayload.MaxEventsPerCall) + 7);

        var slices = await TimelineSlices.OfAsync(events);

        Assert.Equal([TimelinePayload.MaxEventsPerCall, TimelinePayload.MaxEventsPerCall, 7],
            slices.Select(s => JsonDocument.Parse(s).RootElement.GetArrayLength()));
        var tasks = slices.SelectMany(s => JsonDocument.Parse(s).RootElement.EnumerateArray().Select(r => r[3].GetInt32()).ToArray());
        Assert.Equal(Enumerable.Range(0, events.Length), tasks);
        Assert.Equal(TimelinePayload.Write(events, TimelinePayload.MaxEventsPerCall, TimelinePayload.MaxEventsPerCall), slices[1]);
    }

    [Fact]
    public async Task Of_TheSameBatchForManyPages_WritesItOnce()
    {
        var events = Tasks(10);

        var pages = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () => await TimelineSlices.OfAsync(events))));

        // Every page gets the very same strings: written once, not once per page.
        Assert.All(pages, p => Assert.Same(pages[0], p));
        Assert.Same(pages[0][0], (await TimelineSlices.OfAsync(events))[0]);
    }

    [Fact]
    public async Task Of_AnotherBatchWithEqualEvents_IsWrittenForItself()
    {
        var first = Tasks(3);
        var second = first.ToArray();

        Assert.NotSame(await TimelineSlices.OfAsync(first), await TimelineSlices.OfAsync(second));
        Assert.Equal(await TimelineSlices.OfAsync(first), await TimelineSlices.OfAsync(second));
        Assert.Empty(await TimelineSlices.OfAsync([]));
    }
}
