using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Runs.Feed;
namespace Dashboard.Web.Tests.Components.Timeline;

/// <summary>The hand-over from the page's one subscription to its timeline: ordered, bounded, never stuck.</summary>
public sealed class TimelineFeedTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Write_MoreThanCapacityUnread_WaitsUntilTheReaderTakesOne()
    {
        var feed = new TimelineFeed(1);
        for (var i = 0; i < TimelineFeed.Capacity; i++)
        {
            await feed.WriteAsync(Batch(i), CancellationToken.None).AsTask().WaitAsync(Wait);
        }

        var blocked = feed.WriteAsync(Batch(99), CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(blocked.IsCompleted, "the write past the bound waits for the reader");

        await using var reader = feed.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync());
        await blocked.WaitAsync(Wait);

        // Everything arrives once, in the order written.
        var seen = new List<int> { ((RunFeedBatch)reader.Current).Events.Count };
        feed.Complete();
        while (await reader.MoveNextAsync())
        {
            seen.Add(((RunFeedBatch)reader.Current).Events.Count);
        }

        Assert.Equal([.. Enumerable.Range(0, TimelineFeed.Capacity), 99], seen);
    }

    [Fact]
    public async Task Write_ReaderDetached_ReturnsAtOnceEvenWhenFull()
    {
        var feed = new TimelineFeed(1);
        for (var i = 0; i < TimelineFeed.Capacity; i++)
        {
            await feed.WriteAsync(Batch(i), CancellationToken.None);
        }

        feed.Detach();

        for (var i = 0; i < 100; i++)
        {
            await feed.WriteAsync(Batch(i), CancellationToken.None).AsTask().WaitAsync(Wait);
        }
    }

    [Fact]
    public async Task Complete_WithAnError_TheReaderSeesIt()
    {
        var feed = new TimelineFeed(1);
        await feed.WriteAsync(Batch(1), CancellationToken.None);
        feed.Complete(new KeyNotFoundException("Run 1 does not exist."));

        var read = new List<RunFeedMessage>();
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(async () =>
        {
            await foreach (var message in feed.ReadAllAsync(CancellationToken.None))
            {
                read.Add(message);
            }
        });

        Assert.Single(read);
        Assert.Contains("Run 1", error.Message, StringComparison.Ordinal);
    }

    // A batch whose size tells which one it is.
    private static RunFeedBatch Batch(int events) =>
        new(1, Enumerable.Range(0, events).Select(i => TestRuns.Task(StrategyIds.Sequential, i, "started")).ToList(), null);
}
