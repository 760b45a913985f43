using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Tests.Running;

/// <summary>
/// Tasks on threads of their own measure their split as a sample (a procfs read costs more than
/// the thread's own start): the budget, the tasks outside it, and the repetition's split that
/// gives them the measured tasks' shares.
/// </summary>
public sealed class SplitSampleTests : IDisposable
{
    private readonly RunHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Budget_BurstThenOnePerRefill_NeverMoreThanTheBurstAfterAPause()
    {
        var sample = new SplitSample(refillTicks: 100);
        var taken = Enumerable.Range(0, SplitSample.Burst + 10).Count(_ => sample.TryTake(now: 1_000));
        Assert.Equal(SplitSample.Burst, taken);

        // Two refills' worth of time: two more, then none until the next refill.
        Assert.True(sample.TryTake(1_250));
        Assert.True(sample.TryTake(1_250));
        Assert.False(sample.TryTake(1_299));
        Assert.True(sample.TryTake(1_300));

        // A long pause refills at most the burst.
        var afterPause = Enumerable.Range(0, SplitSample.Burst + 10).Count(_ => sample.TryTake(1_000_000));
        Assert.Equal(SplitSample.Burst, afterPause);
    }

    [Fact]
    public void TasksOutsideTheSample_RecordSegmentsWithoutASplit()
    {
        var outside = new TaskTimes();
        outside.LeaveOutOfSample();
        var inside = new TaskTimes();
        var thread = new Thread(() =>
        {
            foreach (var times in new[] { outside, inside })
            {
                TaskFlow.Begin(times);
                Thread.Sleep(2);
                TaskFlow.End();
            }
        });
        thread.Start();
        thread.Join();

        var outsideTiming = outside.Snapshot(spanSeconds: 1);
        Assert.Equal(1, outside.SegmentCount);
        Assert.Null(outsideTiming.Cpu);
        Assert.Null(outsideTiming.Ready);
        Assert.NotNull(inside.Snapshot(spanSeconds: 1).Cpu);
    }

    [Fact]
    public void RepetitionSplit_UnmeasuredLocalTasksTakeTheMeasuredShares_NodeTasksCountAsWaiting()
    {
        var lane = new Lane(1, 1);
        TaskSpan[] spans =
        [
            new(0, lane, 0, 1, TaskStatus.Ok) { Cpu = 0.5, Ready = 0.1 },
            new(1, lane, 0, 1, TaskStatus.Ok) { Cpu = 0.3, Ready = 0.1 },
            new(2, lane, 0, 1, TaskStatus.Ok),
            new(3, lane, 0, 1, TaskStatus.Ok),
            new(4, lane, 0, 2, TaskStatus.Ok, Node: "node-1"),
        ];
        var split = TimeSplit.Of(new StrategyResult(StrategyIds.Threads, 0, 2, 1, 5, 5, 0, "ok", 0, spans))!;

        // The two measured tasks (2 s) had 0.8 s CPU, 0.2 s ready, 1.0 s waiting; the two outside the
        // sample (2 s more) take the same shares; the node's task (2 s) is waiting.
        Assert.Equal(1.6, split.Cpu, 6);
        Assert.Equal(0.4, split.Ready, 6);
        Assert.Equal(2.0 + 2.0, split.Wait, 6);
        Assert.Equal(spans.Sum(s => s.End - s.Start), split.Total, 6);
    }

    [Fact]
    public async Task ThreadsRun_ManyShortTasks_TheFirstBurstMeasured_SplitCoversEveryTask()
    {
        const int Tasks = 300;
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep, backgroundPriority: false),
            RunHarness.Plan(StrategyIds.Threads, Tasks, 1));

        var r = Assert.Single(result.Results);
        Assert.Equal(Tasks, r.TasksOk);

        // The starter decides in task order: the first burst is always inside the sample.
        var spans = r.Spans.OrderBy(s => s.Task).ToList();
        Assert.All(spans.Take(SplitSample.Burst), s => Assert.NotNull(s.Cpu));
        Assert.All(spans, s => Assert.Equal(s.Cpu is null, s.Ready is null));
        Assert.All(spans, s => Assert.Equal([s.Lane.ThreadId], s.Threads!));

        var split = TimeSplit.Of(r)!;
        Assert.Equal(spans.Sum(s => s.End - s.Start), split.Cpu + split.Ready + split.Wait, 3);
    }
}
