using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Runs.Feed;
using StoredRuns = Dashboard.Web.Tests.Storage.TestRuns;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Components.Timeline;

public sealed class StoredTimelineTests
{
    [Fact]
    public void Events_FinishedRun_LastRepetitionPerStrategyWithEveryTaskStartedAndEndedOnce()
    {
        var run = StoredRuns.Finished(3, StoredRuns.HelloPlan(tasks: 7, repeat: 2, StrategyIds.Sequential, StrategyIds.Async));

        var events = StoredTimeline.Events(run);

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        foreach (var strategy in new[] { StrategyIds.Sequential, StrategyIds.Async })
        {
            var mine = events.Where(e => e.Strategy == strategy).ToList();
            Assert.All(mine, e => Assert.Equal(1, e.Repetition));
            Assert.Equal(WireEventConverter.StrategyStartedType, mine[0].Type);
            Assert.Equal(WireEventConverter.StrategyCompletedType, mine[^1].Type);
            var tasks = mine.Where(e => e.Type == WireEventConverter.TaskType).ToList();
            Assert.Equal(7, tasks.Count(e => e.Kind == "started"));
            Assert.Equal(6, tasks.Count(e => e.Kind == "completed"));
            Assert.Equal(1, tasks.Count(e => e.Kind == "failed"));
            Assert.Equal(tasks.Select(e => e.Time).Order(), tasks.Select(e => e.Time));
            Assert.Equal("timeout", tasks.Single(e => e.Kind == "failed").Detail);
        }
    }

    [Fact]
    public void Events_BackToBackTasks_EndComesBeforeTheNextStartAtTheSameInstant()
    {
        var lane = new Lane(500, 1);
        var result = new StrategyResult(StrategyIds.Sequential, 0, 2, 0.1, 1, 2, 0, "ok", 0,
            [new TaskSpan(0, lane, 0, 1, TaskStatus.Ok), new TaskSpan(1, lane, 1, 2, TaskStatus.Cancelled)]);
        var run = StoredRuns.Finished(4, StoredRuns.HelloPlan(tasks: 2, repeat: 1, StrategyIds.Sequential)) with { Results = [result] };

        var tasks = StoredTimeline.Events(run).Where(e => e.Type == WireEventConverter.TaskType)
            .Select(e => (e.Task, e.Kind, e.Time)).ToList();

        Assert.Equal([(0, "started", 0.0), (0, "completed", 1.0), (1, "started", 1.0), (1, "cancelled", 2.0)], tasks);
        Assert.Equal(500, StoredTimeline.MainProcessId(run));
    }

    [Fact]
    public void MainProcessId_OnlyProcessStrategies_IsUnknown()
    {
        var run = StoredRuns.Finished(5, StoredRuns.HelloPlan(tasks: 3, repeat: 1, StrategyIds.Processes));

        Assert.Null(StoredTimeline.MainProcessId(run));
    }
}
