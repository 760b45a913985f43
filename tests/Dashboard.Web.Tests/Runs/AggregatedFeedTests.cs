using Dashboard.Engine.Running;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Hubs;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Runs;

/// <summary>
/// A run past Runs:AggregateAbove: <see cref="LiveRun"/> keeps no task event, publishes tallies per
/// 50 ms bucket that add up to every task, in order before the strategy's end, shared and coalesced
/// like any batch; the page's model and the hub's forms carry them.
/// </summary>
public sealed class AggregatedFeedTests
{
    private readonly WireEventConverter _converter = new(0);

    [Fact]
    public void Append_LargeRun_KeepsNoTaskEventAndPublishesTalliesThatAddUp()
    {
        var run = NewRun(tasks: 5_000, aggregateAbove: 1_000);
        Assert.True(run.Aggregated);
        var watcher = run.Subscribe(out _);
        run.Append(LabEvents.Started("async", 5_000), _converter);
        var events = new List<WireEvent>();
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 1_000; i++)
            {
                var task = (round * 1_000) + i;
                run.Append(LabEvents.Task("async", task, TaskEventKind.Started), _converter);
                run.Append(LabEvents.Task("async", task, i % 100 == 0 ? TaskEventKind.Failed : TaskEventKind.Completed), _converter);
            }

            run.Publish();
            events.AddRange(run.TakeBatch(watcher, out _)!.Events);
        }

        run.Append(LabEvents.Completed("async", 5_000), _converter);
        run.Publish();
        events.AddRange(run.TakeBatch(watcher, out _)!.Events);

        Assert.DoesNotContain(events, e => e.Type == WireEventConverter.TaskType);
        var tallies = events.Where(e => e.Type == WireEventConverter.TallyType).Select(e => e.Tally!).ToArray();
        Assert.InRange(tallies.Length, 5, 100);
        Assert.Equal(5_000, tallies.Sum(t => t.Started));
        Assert.Equal(4_950, tallies.Sum(t => t.Ok));
        Assert.Equal(50, tallies.Sum(t => t.Failed));
        Assert.All(tallies, t => Assert.Equal(TaskTallies.BucketSeconds, t.Width));
        Assert.Equal(WireEventConverter.StrategyCompletedType, events[^1].Type);
        AssertSeqIsGapless(events);
        Assert.True(run.Events.Count < 200, $"{run.Events.Count} events kept for 10,000 task events");
    }

    [Fact]
    public void Subscribe_LateWatcher_GetsTheTalliesSoFarInItsSnapshot()
    {
        var run = NewRun(tasks: 2_000, aggregateAbove: 1_000);
        run.Append(LabEvents.Started("async", 2_000), _converter);
        for (var i = 0; i < 2_000; i++)
        {
            run.Append(LabEvents.Task("async", i, TaskEventKind.Started), _converter);
        }

        run.Publish();
        run.Subscribe(out var snapshot);

        Assert.Equal(2_000, snapshot.Events.Where(e => e.Tally is not null).Sum(e => e.Tally!.Started));
    }

    [Fact]
    public void Append_SmallRun_StaysDetailed()
    {
        var run = NewRun(tasks: 1_000, aggregateAbove: 1_000);
        Assert.False(run.Aggregated);
        run.Append(LabEvents.Started("async", 1_000), _converter);
        run.Append(LabEvents.Task("async", 0, TaskEventKind.Started), _converter);
        run.Publish();

        Assert.Equal(WireEventConverter.TaskType, run.Events[^1].Type);
    }

    [Fact]
    public void LiveRunModel_Tallies_FoldIntoProgressLikeTaskEvents()
    {
        var run = NewRun(tasks: 3_000, aggregateAbove: 1_000);
        var model = new LiveRunModel(run.Summary);
        run.Append(LabEvents.Started("async", 3_000), _converter);
        for (var i = 0; i < 3_000; i++)
        {
            run.Append(LabEvents.Task("async", i, TaskEventKind.Started), _converter);
        }

        for (var i = 0; i < 2_000; i++)
        {
            run.Append(LabEvents.Task("async", i, i < 10 ? TaskEventKind.Failed : TaskEventKind.Completed), _converter);
        }

        run.Publish();
        run.Subscribe(out var snapshot);
        model.Apply(snapshot);

        var progress = model["async"];
        Assert.Equal(2_000, progress.Done);
        Assert.Equal(10, progress.Failed);
        Assert.Equal(1_000, progress.Running);
    }

    [Fact]
    public void Tallies_TravelOverEveryWire_PackedJsonAndTheTimelinePayload()
    {
        var run = NewRun(tasks: 2_000, aggregateAbove: 1_000);
        run.Append(LabEvents.Started("async", 2_000), _converter);
        for (var i = 0; i < 2_000; i++)
        {
            run.Append(LabEvents.Task("async", i, TaskEventKind.Started), _converter);
            run.Append(LabEvents.Task("async", i, TaskEventKind.Completed), _converter);
        }

        run.Publish();
        run.Subscribe(out var snapshot);

        var unpacked = WirePack.Read(WirePack.Write(WireTrim.ForWire(snapshot)));
        Assert.Equal(2_000, unpacked is RunFeedSnapshot s ? s.Events.Where(e => e.Tally is not null).Sum(e => e.Tally!.Ok) : -1);

        var rows = System.Text.Json.JsonDocument.Parse(TimelinePayload.Write(snapshot.Events, 0, snapshot.Events.Count)).RootElement;
        var tallyRows = rows.EnumerateArray().Where(r => r[0].GetInt32() == 4).ToArray();
        Assert.NotEmpty(tallyRows);
        Assert.Equal(2_000, tallyRows.Sum(r => r[10].GetInt32()));
        Assert.Equal(2_000, tallyRows.Sum(r => r[11].GetInt32()));
    }

    private static LiveRun NewRun(int tasks, int aggregateAbove) => new(
        new RunSummary(1, null, HelloPlan(tasks: tasks, strategies: "async"), RunState.Running, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, []),
        maxEvents: 1_000_000, aggregated: new RunServiceOptions { AggregateAbove = aggregateAbove }.Aggregates(HelloPlan(tasks: tasks, strategies: "async")));
}
