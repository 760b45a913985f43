using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Tests.Running;

/// <summary>Runtime counters sampled while strategies run: present, on the spans' axis, and telling.</summary>
public sealed class CounterSamplingTests : IDisposable
{
    private readonly RunHarness _harness = new();

    // The strategies on lab nodes need nodes; Dashboard.Node.Tests runs them.
    public static TheoryData<string> EveryStrategy => [.. StrategyCatalog.All.Where(d => d.Placement != StrategyPlacement.LabNodes).Select(d => d.Id)];

    [Theory]
    [MemberData(nameof(EveryStrategy))]
    public async Task Run_EveryStrategy_KeepsSaneCountersOnTheSpansTimeAxis(string strategy)
    {
        // Tasks of 0.5 s: every strategy runs several sampling intervals (50 ms) even when a loaded
        // machine delays the sampler's timer (6 tasks of 0.15 s once gave async a single sample).
        var (events, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), RunHarness.Plan(strategy, 6, 500,
            new StrategyOptions(ProcessCount: 2)));

        var r = Assert.Single(result.Results);
        Assert.Equal(6, r.TasksOk);
        var counters = Assert.IsAssignableFrom<IReadOnlyList<CounterSample>>(r.Counters);
        Assert.True(counters.Count >= 2, $"{counters.Count} samples in {r.WallSeconds:0.000} s");
        Assert.Equal(counters.OrderBy(c => c.T).Select(c => c.T), counters.Select(c => c.T));
        Assert.All(counters, c =>
        {
            Assert.True(c.T >= 0);
            Assert.True(c.CpuPercent >= 0 && c.CpuUserPercent >= 0 && c.CpuSystemPercent >= 0);
            Assert.Equal(c.CpuUserPercent + c.CpuSystemPercent, c.CpuPercent, 0.11);
            Assert.True(c.Threads >= 1 && c.PoolThreads >= 0 && c.PoolQueue >= 0 && c.WorkingSetMb > 1 && c.AllocatedMb > 0);
        });
        Assert.Contains(counters, c => c.Process == Environment.ProcessId);
        Assert.True(counters[0].T <= r.WallSeconds, $"first sample at {counters[0].T} s, wall {r.WallSeconds} s");
        if (strategy is StrategyIds.Processes or StrategyIds.AsyncProcesses)
        {
            // Each worker sends its own, stamped with its own pid on the shared clock.
            var workerPids = r.Spans.Select(s => s.Lane.ProcessId).Distinct().ToHashSet();
            Assert.Equal(2, workerPids.Count);
            Assert.Equal(workerPids, counters.Where(c => c.Process != Environment.ProcessId).Select(c => c.Process).ToHashSet());
        }

        // Live too: the same samples flowed through the event stream as the strategy ran.
        Assert.Equal(counters.Count, events.OfType<CountersSampled>().Count(e => e.Strategy == strategy));
    }

    [Fact]
    public async Task Threads_200SleepingTasks_PeakAtLeast150OsThreads_AsyncFarFewer()
    {
        // Sleeps long enough that all 200 are alive together even when starting them is slow on a loaded machine.
        var (_, threads) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), RunHarness.Plan(StrategyIds.Threads, 200, 5_000));
        var (_, async) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), RunHarness.Plan(StrategyIds.Async, 200, 5_000));

        // Each task of the threads strategy is an OS thread of its own, so the counter's peak follows the
        // most tasks in flight (from the spans; on a starved machine the starter is slow and fewer overlap);
        // async's thread count does not grow with its tasks.
        var inFlight = threads.Results[0].MaxInFlight();
        var threadsPeak = threads.Results[0].Counters!.Max(c => c.Threads);
        var asyncPeak = async.Results[0].Counters!.Max(c => c.Threads);
        Assert.True(inFlight >= 20, $"only {inFlight} threads-strategy tasks overlapped");
        Assert.True(threadsPeak >= inFlight * 0.9, $"threads strategy peaked at {threadsPeak} OS threads with {inFlight} tasks in flight");
        Assert.Equal(200, async.Results[0].MaxInFlight());
        Assert.True(asyncPeak < threadsPeak - (inFlight / 2), $"async peaked at {asyncPeak} OS threads with 200 tasks in flight, threads at {threadsPeak}");
    }

    [Fact]
    public async Task Async_TasksThatAwait_RecordEveryThreadTheyRanOn()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), RunHarness.Plan(StrategyIds.Async, 40, 50));

        var spans = result.Results[0].Spans;
        Assert.All(spans, s =>
        {
            var threads = Assert.IsAssignableFrom<IReadOnlyList<int>>(s.Threads);
            Assert.Equal(s.Lane.ThreadId, threads[0]);
            for (var i = 1; i < threads.Count; i++)
            {
                Assert.NotEqual(threads[i - 1], threads[i]);
            }
        });

        // Task.Delay resumes on a timer/pool thread: at least some tasks left the thread they started on.
        Assert.Contains(spans, s => s.Threads!.Count > 1);
    }

    [Fact]
    public async Task Sequential_BlockingTasks_NeverLeaveTheirThread()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), RunHarness.Plan(StrategyIds.Sequential, 5, 10));

        Assert.All(result.Results[0].Spans, s => Assert.Equal([s.Lane.ThreadId], s.Threads!));
    }

    [Fact]
    public async Task CountersOff_NoSamples()
    {
        var runner = new LabRunner(new LabRunnerOptions
        {
            CounterInterval = null,
            WorkloadFactory = (p, e) => new TestWorkload((Dashboard.Engine.Workloads.HelloParameters)p, e, TestWork.Sleep, null),
        });

        var (events, result) = await _harness.RunAsync(runner, RunHarness.Plan(StrategyIds.Async, 3, 50));

        Assert.Null(result.Results[0].Counters);
        Assert.Empty(events.OfType<CountersSampled>());
    }

    [Theory]
    [InlineData(9)]
    [InlineData(1001)]
    public void CounterInterval_OutOfRange_Refused(int ms)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LabRunner(new LabRunnerOptions { CounterInterval = TimeSpan.FromMilliseconds(ms) }));
        Assert.Contains("CounterInterval", e.Message);
    }

    public void Dispose() => _harness.Dispose();
}
