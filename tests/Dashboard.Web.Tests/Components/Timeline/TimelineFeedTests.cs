using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Timeline;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Components.Timeline;

/// <summary>The hand-over from the page's one subscription to its timeline: ordered, the same objects, never holding the page.</summary>
public sealed class TimelineFeedTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Write_ManyUnread_NeverWaitsAndTheReaderGetsTheSameObjectsInOrder()
    {
        var feed = new TimelineFeed(1);
        var written = Enumerable.Range(0, 100).Select(Batch).ToList();
        written[^1] = written[^1] with { Run = Run(RunState.Completed) };

        // A timeline that has not read anything never holds the page's loop.
        foreach (var batch in written)
        {
            await feed.WriteAsync(batch, CancellationToken.None).AsTask().WaitAsync(Wait);
        }

        feed.Complete();

        // Everything arrives once, in the order written, as the very objects the run handed every
        // watcher (so their packing for the browser is shared between pages).
        var read = new List<RunFeedMessage>();
        await using var reader = feed.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync());
        read.Add(reader.Current);
        while (feed.TryRead(out var queued))
        {
            read.Add(queued);
        }

        Assert.False(await reader.MoveNextAsync());
        Assert.Equal(written.Cast<RunFeedMessage>(), read);
        Assert.All(read.Zip(written), p => Assert.Same(p.Second, p.First));
    }

    [Fact]
    public async Task Write_ReaderCapacityBehind_WaitsUntilTheReaderTakesOne()
    {
        var feed = new TimelineFeed(1);
        var written = Enumerable.Range(0, TimelineFeed.Capacity).Select(_ => Batch(0)).ToList();
        foreach (var batch in written)
        {
            await feed.WriteAsync(batch, CancellationToken.None).AsTask().WaitAsync(Wait);
        }

        // A stalled timeline holds at most Capacity messages: the next write waits (the page's
        // watcher then coalesces), and goes on once the reader takes one.
        var next = feed.WriteAsync(Batch(1), CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(next.IsCompleted);
        Assert.True(feed.TryRead(out var first));
        Assert.Same(written[0], first);
        await next.WaitAsync(Wait);
    }

    [Fact]
    public async Task Write_ReaderDetached_ReturnsAtOnce()
    {
        var feed = new TimelineFeed(1);
        for (var i = 0; i < 8; i++)
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

    [Fact]
    public async Task WhileHeld_NothingHeld_CompletesAtOnce()
    {
        var feed = new TimelineFeed(1);

        await feed.WhileHeldAsync(CancellationToken.None).WaitAsync(Wait);

        Assert.False(feed.Held);
    }

    [Fact]
    public async Task WhileHeld_HeldForResults_WaitsUntilTheyAreShown()
    {
        var feed = new TimelineFeed(1);
        feed.HoldUntilResults();

        var waiting = feed.WhileHeldAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        feed.ResultsShown();
        await waiting.WaitAsync(Wait);
        Assert.False(feed.Held);

        // Shown once is shown for good: a later hold (a page that hears the end twice) holds nothing.
        feed.HoldUntilResults();
        Assert.False(feed.Held);
    }

    [Fact]
    public async Task WhileHeld_ResultsNeverShown_GoesOnAfterTheBound()
    {
        var feed = new TimelineFeed(1, new InstantTimers());
        feed.HoldUntilResults();

        // The bound (MaxHold) passes at once on this clock: the timelines are drawn without the results.
        await feed.WhileHeldAsync(CancellationToken.None).WaitAsync(Wait);

        Assert.False(feed.Held);
    }

    [Fact]
    public async Task WhileHeld_ReaderDetached_GoesOn()
    {
        var feed = new TimelineFeed(1);
        feed.HoldUntilResults();
        var waiting = feed.WhileHeldAsync(CancellationToken.None);

        feed.Detach();

        await waiting.WaitAsync(Wait);
    }

    /// <summary>The system's clock, but every timer is due at once (the hold's bound passes without waiting for it).</summary>
    private sealed class InstantTimers : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }

    private static RunSummary Run(RunState state) =>
        TestRuns.Summary(1, TestRuns.Plan(new HelloParameters(Tasks: 4, DelayMs: 10), StrategyIds.Sequential), state);

    // A batch whose size tells which one it is.
    private static RunFeedBatch Batch(int events) =>
        new(1, Enumerable.Range(0, events).Select(i => TestRuns.Task(StrategyIds.Sequential, i, "started")).ToList(), null);
}
