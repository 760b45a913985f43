using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Running;

public sealed class LabRunnerTests : IDisposable
{
    private readonly RunHarness _harness = new();

    [Fact]
    public async Task Start_RepeatAndWarmup_RunsWarmupsFirstThenInterleaves()
    {
        var plan = new RunPlan(new HelloParameters(3, "Test", 0), [StrategyIds.Sequential, StrategyIds.Async, StrategyIds.ThreadPool],
            Repeat: 2, Warmup: 2);

        var (events, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), plan);

        string[] s = [StrategyIds.Sequential, StrategyIds.Async, StrategyIds.ThreadPool];
        var expected = new[] { -1, -2, 0, 1 }.SelectMany(r => s.Select(id => (id, r))).ToList();
        Assert.Equal(expected, events.OfType<StrategyStarted>().Select(e => (e.Strategy, e.Repetition)));
        Assert.Equal(expected, result.Results.Select(r => (r.Strategy, r.Repetition)));
        Assert.Equal(12, _harness.Workload!.Prepared);
        Assert.Equal(2, result.Of(StrategyIds.Async).Count());
        Assert.False(result.Cancelled);
    }

    [Fact]
    public async Task Start_EveryRepetition_EventsFramedByStartedAndCompleted()
    {
        var (all, _) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep),
            new RunPlan(new HelloParameters(4, "Test", 0), [StrategyIds.Threads, StrategyIds.Parallel]));

        // Counter samples come between a strategy's Started and Completed too; the framing is about tasks.
        var events = all.Where(e => e is not CountersSampled).ToList();
        var firstCompleted = all.FindIndex(e => e is StrategyCompleted);
        Assert.All(all.Take(firstCompleted).OfType<CountersSampled>(), c => Assert.Equal(StrategyIds.Threads, c.Strategy));

        // Started, 4 x (Started + Completed), Completed for each strategy, in that order.
        Assert.Equal(2 * 10, events.Count);
        Assert.IsType<StrategyStarted>(events[0]);
        Assert.IsType<StrategyCompleted>(events[9]);
        Assert.IsType<StrategyStarted>(events[10]);
        Assert.IsType<StrategyCompleted>(events[19]);
        Assert.All(events.Skip(1).Take(8), e => Assert.Equal(StrategyIds.Threads, Assert.IsType<TaskEvent>(e).Strategy));
    }

    [Fact]
    public async Task Start_SpinningTasks_ReportsWallCpuLanesAndMemory()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Spin), RunHarness.Plan(StrategyIds.Threads, 2, 200));

        var r = result.Results[0];
        // Spinning at background priority on a shared machine may get little CPU: only ask that some was measured.
        Assert.True(r.CpuSeconds > 0, $"two tasks spun but CPU was {r.CpuSeconds}");
        Assert.True(r.WallSeconds >= 0.19, $"wall {r.WallSeconds}");
        Assert.True(r.PeakMemoryBytes > 0);
        Assert.Equal(2, r.Lanes);
        Assert.All(r.Spans, s => Assert.InRange(s.Start, 0, s.End));
        Assert.Null(r.WorkerStartSeconds);
    }

    [Fact]
    public void Start_BadPlan_ThrowsNamingTheFields()
    {
        var runner = _harness.Runner(TestWork.Sleep);
        var plan = new RunPlan(new HelloParameters(0, "Test", 0), [StrategyIds.Sequential, "fibers"], Repeat: 0,
            Options: new StrategyOptions(ProcessCount: 0));

        var e = Assert.Throws<InvalidParametersException>(() => runner.Start(plan, _harness.Environment, CancellationToken.None));

        Assert.Contains("repeat", e.Errors.Keys);
        Assert.Contains("tasks", e.Errors.Keys);
        Assert.Contains("processCount", e.Errors.Keys);
        Assert.Contains(e.Errors["strategies"], m => m.Contains("fibers", StringComparison.Ordinal));
        Assert.Null(_harness.Workload); // nothing was created for a plan that cannot run
    }

    [Theory]
    [InlineData(StrategyIds.Sequential)]
    [InlineData(StrategyIds.Threads)]
    [InlineData(StrategyIds.ThreadPool)]
    [InlineData(StrategyIds.Async)]
    [InlineData(StrategyIds.Parallel)]
    public async Task Start_CancelledMidRun_StopsAndReportsCancelled(string strategy)
    {
        using var cancel = new CancellationTokenSource();
        // 40 tasks of 30 s each: only cancellation can end this run within the timeout.
        var run = _harness.Runner(TestWork.Sleep).Start(
            new RunPlan(new HelloParameters(40, "Test", 30_000), [strategy, strategy == StrategyIds.Sequential ? StrategyIds.Async : StrategyIds.Sequential], Options: new StrategyOptions(ThreadPoolSize: 4)),
            _harness.Environment, cancel.Token);

        var events = new List<LabEvent>();
        await foreach (var e in run.Events)
        {
            events.Add(e);
            if (e is TaskEvent { Kind: TaskEventKind.Started })
            {
                await cancel.CancelAsync();
            }
        }

        var result = await run.Completion.WaitAsync(RunHarness.Timeout);
        Assert.True(result.Cancelled);
        var r = Assert.Single(result.Results); // the second strategy never started
        Assert.True(r.Cancelled);
        Assert.Equal(0, r.TasksOk);
        var tasks = events.OfType<TaskEvent>().ToList();
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(1, tasks.Count(e => e.Task == i && e.Kind == TaskEventKind.Cancelled));
        }

        Assert.True(_harness.Workload!.Disposed);
    }

    [Fact]
    public async Task Start_CancelledBeforeStart_ReturnsCancelledWithoutResults()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var (_, result) = await RunHarness.CompleteAsync(
            _harness.Runner(TestWork.Sleep).Start(RunHarness.Plan(StrategyIds.Async, 3, 0), _harness.Environment, cancel.Token));

        Assert.True(result.Cancelled);
        Assert.Empty(result.Results);
    }

    public void Dispose() => _harness.Dispose();
}
