using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Runs;

/// <summary>
/// <see cref="LiveRun"/> on its own: watchers at the same point share one batch object (the hub
/// serialises it once), watchers behind coalesce, and an old run's timeline is released only once
/// no watcher still needs it.
/// </summary>
public sealed class LiveRunSharingTests
{
    private readonly WireEventConverter _converter = new(0);

    [Fact]
    public void TakeBatch_WatchersAtSamePublish_GetTheSameBatchObject()
    {
        var run = NewRun();
        var a = run.Subscribe(out var snapshotA);
        var b = run.Subscribe(out var snapshotB);
        Assert.Same(snapshotA, snapshotB);

        AppendTasks(run, 100);
        run.Publish();
        var batchA = run.TakeBatch(a, out _);
        var batchB = run.TakeBatch(b, out _);

        Assert.NotNull(batchA);
        Assert.Same(batchA, batchB);
        Assert.Equal(101, batchA.Events.Count);
        Assert.Null(run.TakeBatch(a, out _));
    }

    [Fact]
    public void TakeBatch_WatcherBehindSeveralPublishes_GetsOneCoalescedBatchSharedWithOthersBehind()
    {
        var run = NewRun();
        var current = run.Subscribe(out _);
        var slow1 = run.Subscribe(out _);
        var slow2 = run.Subscribe(out _);
        var seen = new List<WireEvent>();
        for (var publish = 0; publish < 3; publish++)
        {
            AppendTasks(run, 10);
            run.Publish();
            seen.AddRange(run.TakeBatch(current, out _)!.Events);
        }

        var coalesced1 = run.TakeBatch(slow1, out _);
        var coalesced2 = run.TakeBatch(slow2, out _);

        Assert.Same(coalesced1, coalesced2);
        Assert.Equal(seen, coalesced1!.Events);
        AssertSeqIsGapless(coalesced1.Events);
    }

    [Fact]
    public void Subscribe_BetweenPublishes_SnapshotIsThePublishedRunAndTheRestFollows()
    {
        var run = NewRun();
        AppendTasks(run, 5);
        run.Publish();
        AppendTasks(run, 5);

        var watcher = run.Subscribe(out var snapshot);
        run.Publish();
        var batch = run.TakeBatch(watcher, out _);

        Assert.Equal(snapshot.LastSeq, snapshot.Events[^1].Seq);
        AssertSeqIsGapless([.. snapshot.Events, .. batch!.Events]);
        Assert.Equal(run.LastSeq, batch.Events[^1].Seq);
    }

    [Fact]
    public void ReleaseEvents_WatcherStillBehind_WaitsForItThenDropsEventsAndSpans()
    {
        var run = NewRun();
        var behind = run.Subscribe(out _);
        AppendTasks(run, 50);
        run.Append(new StrategyCompleted(new StrategyResult("async", 0, 0.5, 0.1, 1, 50, 0, "ok", 0,
            [.. Enumerable.Range(0, 50).Select(i => new TaskSpan(i, Lane.Current, 0, 0.1, Engine.Running.TaskStatus.Ok, null))])), _converter);
        run.Move(s => RunLifecycle.End(s, RunOutcome.Completed, DateTimeOffset.UnixEpoch), _ => { });

        run.ReleaseEvents();
        Assert.False(run.TimelineReleased);
        Assert.Equal(52, run.Events.Count);

        var last = run.TakeBatch(behind, out var isLast);
        Assert.True(isLast);
        Assert.Equal(52, last!.Events.Count);
        Assert.Equal(50, last.Run!.Results.Single().Spans.Count);
        Assert.True(run.TimelineReleased);
        Assert.Empty(run.Events);
        Assert.Empty(run.Summary.Results.Single().Spans);
        Assert.Equal(50, run.Summary.Results.Single().TasksOk);
    }

    [Fact]
    public void Subscribe_RunAtMaxWatchers_RefusedUntilOneLeaves()
    {
        var run = NewRun();
        var watchers = Enumerable.Range(0, LiveRun.MaxWatchers).Select(i => run.Subscribe(out _)).ToList();

        var ex = Assert.Throws<RunFeedFullException>(() => run.Subscribe(out _));
        Assert.Contains("1,000", ex.Message, StringComparison.Ordinal);

        run.Unsubscribe(watchers[0]);
        run.Subscribe(out _);
        Assert.Equal(LiveRun.MaxWatchers, run.WatcherCount);
    }

    private static LiveRun NewRun() => new(
        new RunSummary(1, null, HelloPlan(tasks: 1_000, strategies: "async"), RunState.Running, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, []),
        maxEvents: 1_000_000);

    private void AppendTasks(LiveRun run, int count)
    {
        if (run.LastSeq == 0)
        {
            run.Append(LabEvents.Started("async", 1_000), _converter);
        }

        var first = (int)run.LastSeq;
        for (var i = 0; i < count; i++)
        {
            run.Append(LabEvents.Task("async", first + i, TaskEventKind.Completed, "hi"), _converter);
        }
    }
}
