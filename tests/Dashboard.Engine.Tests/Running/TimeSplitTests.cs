using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Running;

/// <summary>
/// Where each task's time went: its own CPU time, its time runnable but not running, the rest
/// waiting. The assertions hold with both cores busy: a spinning task that gets less of a core
/// shows it as ready (the OS run queue), not as waiting. Some waiting is real even for a spinner
/// (a GC suspends it, a page fault, a preemption between the span's timestamp and the clock
/// reads), so spinners are judged together and against sleepers of the same run shape, never
/// against a fixed share of each span.
/// </summary>
public sealed class TimeSplitTests : IDisposable
{
    private readonly RunHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData(StrategyIds.Sequential)]
    [InlineData(StrategyIds.Threads)]
    public async Task SpinningTasks_CpuPlusReadyOutweighWaiting_AndTheSleepersShare(string strategy)
    {
        var (_, spinning) = await _harness.RunAsync(_harness.Runner(TestWork.Spin, backgroundPriority: false),
            RunHarness.Plan(strategy, 4, 300));
        var (_, sleeping) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep, backgroundPriority: false),
            RunHarness.Plan(strategy, 4, 300));

        var spin = Assert.Single(spinning.Results);
        var sleep = Assert.Single(sleeping.Results);
        AssertCpuBound(spin, 4);
        Assert.Equal(4, sleep.TasksOk);

        // Without the run queue a spinner on a busy machine would show mostly waiting (its CPU alone
        // is a small share of its span), and a sleeper would look like a spinner if the split were
        // taken from the span rather than the clocks: the spinners' CPU and ready must exceed the
        // sleepers' in both sum and share.
        Assert.True(Sum(spin, s => s.Cpu) > Sum(sleep, s => s.Cpu), $"cpu: spinning {Sum(spin, s => s.Cpu)} s, sleeping {Sum(sleep, s => s.Cpu)} s");
        Assert.True(Busy(spin) > Busy(sleep), $"cpu + ready share: spinning {Busy(spin):F3}, sleeping {Busy(sleep):F3}");
    }

    [Fact]
    public async Task WorkerProcesses_PowerTasks_SendCpuThatFillsTheSpan()
    {
        // Worker processes run the real workloads: big-integer powers of ~0.1 s each.
        var runner = new LabRunner(new LabRunnerOptions { BackgroundPriority = false });
        var run = runner.Start(new RunPlan(new PowerParameters(Start: 200_000, Count: 4, Engine: PowerEngine.Managed), [StrategyIds.Processes],
            Options: new StrategyOptions(ProcessCount: 2)), _harness.Environment, CancellationToken.None);
        var (_, result) = await RunHarness.CompleteAsync(run);

        AssertCpuBound(Assert.Single(result.Results), 4);
    }

    /// <summary>
    /// Every task measured, with CPU, within its span; over all tasks, CPU plus ready is the
    /// largest part of the time (more than the waiting).
    /// </summary>
    private static void AssertCpuBound(StrategyResult r, int tasks)
    {
        Assert.Equal(tasks, r.TasksOk);
        Assert.All(r.Spans, s =>
        {
            var span = s.End - s.Start;
            var cpu = Assert.NotNull(s.Cpu);
            var ready = Assert.NotNull(s.Ready);
            Assert.True(cpu > 0, $"task {s.Task}: cpu {cpu}");
            Assert.True(cpu + ready <= span + 1e-3, $"task {s.Task}: cpu {cpu} + ready {ready} > span {span}");
        });
        var splits = string.Join("; ", r.Spans.Select(s => $"task {s.Task}: cpu {s.Cpu} ready {s.Ready} wait {s.Wait} of {s.End - s.Start:F3}"));
        Assert.True(Busy(r) > 0.5, $"cpu + ready share {Busy(r):F3}: {splits}");
    }

    private static double Sum(StrategyResult r, Func<TaskSpan, double?> part) => r.Spans.Sum(s => part(s) ?? 0);

    /// <summary>CPU plus ready over all tasks, as a share of their spans added up.</summary>
    private static double Busy(StrategyResult r) => (Sum(r, s => s.Cpu) + Sum(r, s => s.Ready)) / Sum(r, s => s.End - s.Start);

    [Theory]
    [InlineData(StrategyIds.Sequential)]
    [InlineData(StrategyIds.Threads)]
    [InlineData(StrategyIds.Async)]
    [InlineData(StrategyIds.AsyncProcesses)]
    public async Task SleepingTasks_CpuNearZero_MostOfTheSpanIsWaiting(string strategy)
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep, backgroundPriority: false),
            RunHarness.Plan(strategy, 4, 300, new StrategyOptions(ProcessCount: 2)));

        var r = Assert.Single(result.Results);
        Assert.Equal(4, r.TasksOk);
        Assert.All(r.Spans, s =>
        {
            var span = s.End - s.Start;
            Assert.True(span >= 0.29, $"task {s.Task}: span {span}");
            var cpu = Assert.NotNull(s.Cpu);
            Assert.True(cpu < 0.1 * span, $"task {s.Task}: cpu {cpu} of span {span}");
        });

        // A sleeper woken on a busy machine queues for a core (ready), so waiting is judged over
        // all tasks: it is the largest part.
        Assert.True(Busy(r) < 0.5, $"cpu + ready share {Busy(r):F3}");
    }

    [Fact]
    public async Task AsyncTasksThatHop_KeepTheirSegmentsInOrderAcrossThreads()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), RunHarness.Plan(StrategyIds.Async, 20, 50));

        var spans = result.Results[0].Spans;
        var hopped = spans.Where(s => s.Segments is not null).ToList();
        Assert.NotEmpty(hopped);
        Assert.All(hopped, s =>
        {
            var segments = s.Segments!;
            Assert.True(segments.Select(g => g.Thread).Distinct().Count() >= 2);
            Assert.Equal(s.Lane.ThreadId, segments[0].Thread);
            for (var i = 0; i < segments.Count; i++)
            {
                Assert.True(segments[i].Start <= segments[i].End);
                Assert.True(segments[i].Start >= s.Start - 1e-6 && segments[i].End <= s.End + 1e-6,
                    $"task {s.Task}: segment {segments[i]} outside span {s.Start}-{s.End}");
                if (i > 0)
                {
                    // In the order they began; they may overlap a little: a thread preempted before it
                    // left the task's context ends its segment after the continuation began elsewhere.
                    Assert.True(segments[i].Start >= segments[i - 1].Start, $"task {s.Task}: segments out of order");
                }
            }
        });
    }

    [Fact]
    public async Task TimeSplitOff_SpansCarryNoSplit()
    {
        var runner = new LabRunner(new LabRunnerOptions
        {
            TimeSplit = false,
            WorkloadFactory = (parameters, environment) => new TestWorkload((HelloParameters)parameters, environment, TestWork.Sleep),
        });
        var (_, result) = await _harness.RunAsync(runner, RunHarness.Plan(StrategyIds.Threads, 3, 20));

        Assert.All(result.Results[0].Spans, s => Assert.Null(s.Cpu));
    }

    [Fact]
    public async Task ProcessesStrategy_PulledTasks_CarryTransferSeconds()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), RunHarness.Plan(StrategyIds.Processes, 6, 50,
            new StrategyOptions(ProcessCount: 2)));

        var spans = result.Results[0].Spans;
        Assert.All(spans, s => Assert.True(s.Transfer is >= 0 and < 5, $"task {s.Task}: transfer {s.Transfer}"));
    }
}
