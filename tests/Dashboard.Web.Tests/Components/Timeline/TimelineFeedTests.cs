using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Timeline;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Components.Timeline;

/// <summary>The hand-over from the page's one subscription to its timeline: ordered, never holding the page, never stuck.</summary>
public sealed class TimelineFeedTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Write_MoreThanCapacityUnread_JoinsTheRestInOrderWithoutWaiting()
    {
        var feed = new TimelineFeed(1);
        for (var i = 0; i < TimelineFeed.Capacity; i++)
        {
            await feed.WriteAsync(Batch(i), CancellationToken.None).AsTask().WaitAsync(Wait);
        }

        // Past the bound the page's loop is not held: the writes return at once and are joined.
        var finished = Run(RunState.Completed);
        await feed.WriteAsync(Batch(99), CancellationToken.None).AsTask().WaitAsync(Wait);
        await feed.WriteAsync(Batch(5) with { Run = finished }, CancellationToken.None).AsTask().WaitAsync(Wait);
        await feed.WriteAsync(Batch(3), CancellationToken.None).AsTask().WaitAsync(Wait);
        feed.Complete();

        var read = new List<RunFeedBatch>();
        await foreach (var message in feed.ReadAllAsync(CancellationToken.None))
        {
            read.Add((RunFeedBatch)message);
        }

        // Everything arrives once, in the order written; the joined one keeps the latest run summary.
        Assert.Equal([.. Enumerable.Range(0, TimelineFeed.Capacity), 99 + 5 + 3], read.Select(b => b.Events.Count));
        Assert.Equal([.. Enumerable.Range(0, 99), .. Enumerable.Range(0, 5), .. Enumerable.Range(0, 3)], read[^1].Events.Select(e => e.Task));
        Assert.Same(finished, read[^1].Run);
        Assert.True(read.Take(TimelineFeed.Capacity).All(b => b.Run is null));
    }

    [Fact]
    public void Join_ASnapshotAndABatch_IsTheSnapshotWithBothEventsAndTheLaterRun()
    {
        var snapshot = new RunFeedSnapshot(1, Run(RunState.Running), Batch(2).Events, 2);
        var later = Run(RunState.Completed);

        var joined = Assert.IsType<RunFeedSnapshot>(TimelineFeed.Join(snapshot, Batch(3) with { Run = later }));
        var kept = Assert.IsType<RunFeedSnapshot>(TimelineFeed.Join(snapshot, Batch(1)));

        Assert.Equal(5, joined.Events.Count);
        Assert.Same(later, joined.Run);
        Assert.Same(snapshot.Run, kept.Run);
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

    private static RunSummary Run(RunState state) =>
        TestRuns.Summary(1, TestRuns.Plan(new HelloParameters(Tasks: 4, DelayMs: 10), StrategyIds.Sequential), state);

    // A batch whose size tells which one it is.
    private static RunFeedBatch Batch(int events) =>
        new(1, Enumerable.Range(0, events).Select(i => TestRuns.Task(StrategyIds.Sequential, i, "started")).ToList(), null);
}
