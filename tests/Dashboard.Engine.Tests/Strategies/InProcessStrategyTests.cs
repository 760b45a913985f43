using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Running;

namespace Dashboard.Engine.Tests.Strategies;

public sealed class InProcessStrategyTests : IDisposable
{
    private readonly RunHarness _harness = new();

    public static TheoryData<string> InProcess =>
        [StrategyIds.Sequential, StrategyIds.Threads, StrategyIds.ThreadPool, StrategyIds.Async, StrategyIds.Parallel];

    [Theory]
    [MemberData(nameof(InProcess))]
    public async Task Run_EveryInProcessStrategy_RunsEveryTaskExactlyOnce(string strategy)
    {
        var (events, result) = await _harness.RunAsync(_harness.Runner(TestWork.File), RunHarness.Plan(strategy, 23, 0));

        var tasks = events.OfType<TaskEvent>().ToList();
        for (var i = 0; i < 23; i++)
        {
            Assert.Equal(1, tasks.Count(e => e.Task == i && e.Kind == TaskEventKind.Started));
            Assert.Equal(1, tasks.Count(e => e.Task == i && e.Kind is TaskEventKind.Completed or TaskEventKind.Failed or TaskEventKind.Cancelled));
            Assert.Equal(1, _harness.Workload!.RunsOf(i));
        }

        var r = Assert.Single(result.Results);
        Assert.Equal((23, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck));
        Assert.Equal(23, r.Spans.Count);
        Assert.All(tasks.Where(e => e.Kind == TaskEventKind.Completed), e => Assert.Equal($"done {e.Task}", e.Detail));
        Assert.Equal(23, Directory.EnumerateFiles(_harness.OutputDirectory, "task*.txt").Count());
        Assert.True(_harness.Workload!.Disposed);
    }

    [Fact]
    public async Task Sequential_SleepingTasks_SpansNeverOverlap()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), RunHarness.Plan(StrategyIds.Sequential, 8, 20));

        var spans = result.Results[0].Spans.OrderBy(s => s.Start).ToList();
        for (var i = 1; i < spans.Count; i++)
        {
            Assert.True(spans[i - 1].End <= spans[i].Start, $"task {spans[i - 1].Task} overlaps task {spans[i].Task}");
        }

        Assert.Equal(1, result.Results[0].Lanes);
        Assert.Equal(1, _harness.Workload!.MaxRunning);
    }

    [Fact]
    public async Task Async_SleepingTasks_SpansOverlap()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), RunHarness.Plan(StrategyIds.Async, 20, 300));

        var r = result.Results[0];
        Assert.Equal(20, r.TasksOk);
        Assert.True(RunHarness.MaxOverlap(r.Spans) > 1, "async tasks that only wait should wait together");
    }

    [Fact]
    public async Task Async_WithCap_NeverExceedsCap()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep),
            RunHarness.Plan(StrategyIds.Async, 12, 50, new StrategyOptions(AsyncCap: 3)));

        Assert.Equal(12, result.Results[0].TasksOk);
        Assert.InRange(_harness.Workload!.MaxRunning, 1, 3);
    }

    [Fact]
    public async Task Parallel_DegreeThree_NeverExceedsDegree()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep),
            RunHarness.Plan(StrategyIds.Parallel, 15, 50, new StrategyOptions(ParallelDegree: 3)));

        var r = result.Results[0];
        Assert.Equal(15, r.TasksOk);
        Assert.InRange(_harness.Workload!.MaxRunning, 1, 3);
        Assert.InRange(RunHarness.MaxOverlap(r.Spans), 1, 3);
    }

    [Fact]
    public async Task ThreadPool_SizeTwo_NeverExceedsSizeAndUsesItsOwnThreads()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep),
            RunHarness.Plan(StrategyIds.ThreadPool, 10, 30, new StrategyOptions(ThreadPoolSize: 2)));

        var r = result.Results[0];
        Assert.Equal(10, r.TasksOk);
        Assert.InRange(_harness.Workload!.MaxRunning, 1, 2);
        Assert.InRange(RunHarness.MaxOverlap(r.Spans), 1, 2);
        Assert.InRange(r.Lanes, 1, 2);
    }

    [Fact]
    public async Task Threads_EveryTask_GetsItsOwnThread()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), RunHarness.Plan(StrategyIds.Threads, 12, 100));

        var r = result.Results[0];
        Assert.Equal(12, r.TasksOk);
        Assert.Equal(12, r.Lanes);
        Assert.All(r.Spans, s => Assert.Equal(Environment.ProcessId, s.Lane.ProcessId));
    }

    [Theory]
    [MemberData(nameof(InProcess))]
    public async Task Run_SomeTasksThrow_OnlyThoseFailWithTheirReason(string strategy)
    {
        var (events, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep, failing: new HashSet<int> { 1, 4 }),
            RunHarness.Plan(strategy, 6, 10));

        var r = result.Results[0];
        Assert.Equal((4, 2), (r.TasksOk, r.TasksFailed));
        Assert.Equal("ok", r.OutputCheck);
        var failed = events.OfType<TaskEvent>().Where(e => e.Kind == TaskEventKind.Failed).OrderBy(e => e.Task).ToList();
        Assert.Equal([1, 4], failed.Select(e => e.Task));
        Assert.All(failed, e => Assert.Equal($"task {e.Task} was told to fail", e.Detail));
        Assert.False(r.Succeeded);
    }

    [Theory]
    [InlineData(StrategyIds.Sequential)]
    [InlineData(StrategyIds.Threads)]
    [InlineData(StrategyIds.ThreadPool)]
    [InlineData(StrategyIds.Parallel)]
    public async Task Run_BackgroundPriority_TasksRunOnLoweredThreads(string strategy)
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Spin), RunHarness.Plan(strategy, 4, 5));

        Assert.Equal(4, result.Results[0].TasksOk);
        Assert.All(_harness.Workload!.Nice.Values, nice => Assert.Equal(ThreadNice.BackgroundNice, nice));
        Assert.Equal(4, _harness.Workload!.Nice.Count);
    }

    [Fact]
    public async Task Run_BackgroundPriorityOff_TasksKeepNormalPriority()
    {
        var before = ThreadNice.ReadNice(Environment.ProcessId, Environment.ProcessId);
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Spin, backgroundPriority: false),
            RunHarness.Plan(StrategyIds.Threads, 3, 5));

        Assert.Equal(3, result.Results[0].TasksOk);
        Assert.All(_harness.Workload!.Nice.Values, nice => Assert.Equal(before, nice));
    }

    public void Dispose() => _harness.Dispose();
}
