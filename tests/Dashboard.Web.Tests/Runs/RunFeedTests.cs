using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Runs;

/// <summary>The live feed driven by a scripted engine, so ordering and races can be forced.</summary>
public sealed class RunFeedTests : IAsyncLifetime
{
    private readonly ScriptedLabRunner _runner = new();
    private DashboardFactory _factory = null!;

    private IRunQueue Queue => _factory.Services.GetRequiredService<IRunQueue>();

    private IRunFeed Feed => _factory.Services.GetRequiredService<IRunFeed>();

    public Task InitializeAsync()
    {
        _factory = new DashboardFactory(services: s => s.AddSingleton<ILabRunner>(_runner));
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task WatchAsync_LateJoinerMidRun_SnapshotPlusBatchesEqualFullEventList()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var summary = Queue.Enqueue(HelloPlan(tasks: 400));
        var scripted = await _runner.NextStartedAsync(ct);
        var early = new List<RunFeedMessage>();
        var earlyCount = 0;
        var earlyDone = Task.Run(async () =>
        {
            await foreach (var message in Feed.WatchAsync(summary.Id, ct))
            {
                early.Add(message);
                Interlocked.Exchange(ref earlyCount, Flatten(early).Count);
            }
        }, ct);

        scripted.Write(LabEvents.Started("sequential", 400));
        for (var i = 0; i < 200; i++)
        {
            scripted.Write(LabEvents.Task("sequential", i, TaskEventKind.Started));
            scripted.Write(LabEvents.Task("sequential", i, TaskEventKind.Completed));
        }

        // The late joiner arrives once the early one has seen part of the run, while events keep coming.
        while (Volatile.Read(ref earlyCount) < 100)
        {
            await Task.Delay(10, ct);
        }

        var lateDone = CollectAsync(Feed.WatchAsync(summary.Id, ct), ct);
        for (var i = 200; i < 400; i++)
        {
            scripted.Write(LabEvents.Task("sequential", i, TaskEventKind.Started));
            scripted.Write(LabEvents.Task("sequential", i, TaskEventKind.Completed));
            if (i % 20 == 0)
            {
                await Task.Yield();
            }
        }

        scripted.Write(LabEvents.Completed("sequential", 400));
        scripted.Complete();
        await earlyDone;
        var late = await lateDone;

        var full = Flatten(early);
        Assert.Equal(1 + 800 + 1, full.Count);
        AssertSeqIsGapless(full);
        Assert.Equal(full, Flatten(late));
        var lateSnapshot = Assert.IsType<RunFeedSnapshot>(late[0]);
        Assert.NotEmpty(lateSnapshot.Events);
        Assert.Equal(lateSnapshot.Events[^1].Seq, lateSnapshot.LastSeq);
        Assert.All(late.Skip(1), m => Assert.IsType<RunFeedBatch>(m));
        Assert.Equal(RunState.Completed, Assert.IsType<RunFeedBatch>(late[^1]).Run!.State);
        Assert.Equal(RunState.Completed, Assert.IsType<RunFeedBatch>(early[^1]).Run!.State);
        Assert.Equal(full.Select(e => e.Seq), _factory.Services.GetRequiredService<RunQueue>().Get(summary.Id)!.Events.Select(e => e.Seq));
    }

    [Fact]
    public async Task WatchAsync_EventsBurst_BatchedNotOnePerEvent()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var summary = Queue.Enqueue(HelloPlan(tasks: 1000));
        var scripted = await _runner.NextStartedAsync(ct);
        var watching = CollectAsync(Feed.WatchAsync(summary.Id, ct), ct);
        scripted.Write(LabEvents.Started("sequential", 1000));
        for (var i = 0; i < 1000; i++)
        {
            scripted.Write(LabEvents.Task("sequential", i, TaskEventKind.Started));
            scripted.Write(LabEvents.Task("sequential", i, TaskEventKind.Completed));
        }

        scripted.Write(LabEvents.Completed("sequential", 1000));
        scripted.Complete();
        var messages = await watching;

        var batches = messages.OfType<RunFeedBatch>().Where(b => b.Events.Count > 0).ToList();
        Assert.Equal(2002, Flatten(messages).Count);
        Assert.Contains(batches, b => b.Events.Count > 1);
        Assert.True(batches.Count < 100, $"{batches.Count} batches for 2,002 events: events are not batched.");
    }

    [Fact]
    public async Task WatchAsync_TaskEvents_ConvertedWithStrategyRelativeTimeAndLane()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var summary = Queue.Enqueue(HelloPlan(tasks: 1));
        var scripted = await _runner.NextStartedAsync(ct);
        var watching = CollectAsync(Feed.WatchAsync(summary.Id, ct), ct);
        var start = LabEvents.Started("sequential", 1);
        var done = new TaskEvent("sequential", 0, 0, TaskEventKind.Failed, start.Timestamp + (MonotonicClock.Frequency / 4), new Lane(42, 7), "boom");
        scripted.Write(start);
        scripted.Write(done);
        scripted.Write(LabEvents.Completed("sequential", 1));
        scripted.Complete();
        var events = Flatten(await watching);

        Assert.Equal(["strategy-started", "task", "strategy-completed"], events.Select(e => e.Type));
        var task = events[1];
        Assert.Equal(("failed", "42:7", "boom", 0), (task.Kind, task.Lane, task.Detail, task.Task));
        Assert.Equal(0.25, task.Time, 6);
        Assert.Equal(250, task.WallMs - events[0].WallMs, 3);
        Assert.InRange(events[0].WallMs, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(1, events[0].TaskCount);
        Assert.Equal("ok", events[2].Result!.OutputCheck);
    }

    [Fact]
    public async Task WatchAsync_RunAlreadyFinished_SnapshotThenFinalBatchEndsStream()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var summary = Queue.Enqueue(HelloPlan(tasks: 2));
        var scripted = await _runner.NextStartedAsync(ct);
        scripted.Write(LabEvents.Started("sequential", 2));
        scripted.Write(LabEvents.Completed("sequential", 2));
        scripted.Complete();
        await WaitForStateAsync(Queue, summary.Id, ct, RunState.Completed);

        var messages = await CollectAsync(Feed.WatchAsync(summary.Id, ct), ct);

        Assert.Equal(2, messages.Count);
        var snapshot = Assert.IsType<RunFeedSnapshot>(messages[0]);
        Assert.Equal(2, snapshot.Events.Count);
        Assert.Single(snapshot.Run.Results);
        var last = Assert.IsType<RunFeedBatch>(messages[1]);
        Assert.Empty(last.Events);
        Assert.Equal(RunState.Completed, last.Run!.State);
    }

    [Fact]
    public async Task WatchAsync_WatcherStopsReading_RunFinishesAndWatcherLaterGetsEverythingCoalesced()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var summary = Queue.Enqueue(HelloPlan(tasks: 5_000));
        var scripted = await _runner.NextStartedAsync(ct);
        await using var slow = Feed.WatchAsync(summary.Id, ct).GetAsyncEnumerator(ct);
        Assert.True(await slow.MoveNextAsync());
        var messages = new List<RunFeedMessage> { slow.Current };

        // The watcher reads nothing while the whole run happens; the run must not wait for it.
        scripted.Write(LabEvents.Started("sequential", 5_000));
        for (var i = 0; i < 5_000; i++)
        {
            scripted.Write(LabEvents.Task("sequential", i, TaskEventKind.Started));
            scripted.Write(LabEvents.Task("sequential", i, TaskEventKind.Completed));
            if (i % 500 == 0)
            {
                await Task.Delay(20, ct);
            }
        }

        scripted.Write(LabEvents.Completed("sequential", 5_000));
        scripted.Complete();
        await WaitForStateAsync(Queue, summary.Id, ct, RunState.Completed);

        while (await slow.MoveNextAsync())
        {
            messages.Add(slow.Current);
        }

        var events = Flatten(messages);
        Assert.Equal(10_002, events.Count);
        AssertSeqIsGapless(events);
        Assert.InRange(messages.Count, 2, 3);
    }

    [Fact]
    public void WatchAsync_UnknownRun_ThrowsWithClearMessage()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => Feed.WatchAsync(987_654, CancellationToken.None));
        Assert.Contains("987654", ex.Message, StringComparison.Ordinal);
    }
}
