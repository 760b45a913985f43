using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Runtimes;

/// <summary>A Python twin's runner is sampled from outside: its CPU, threads, memory and memory per task in flight reach the counters.</summary>
public sealed class PythonCountersTests : IDisposable
{
    private readonly RunHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task PythonAsync_SleepingHellos_CountersCarryTheRunnersTasksInFlightAndMemoryPerTask()
    {
        // 300 sleeps of 1.5 s at once on asyncio: every 50 ms sample while they sleep sees them in flight.
        var plan = new RunPlan(new HelloParameters(300, "Robert Paulson", 1_500), [StrategyIds.Async], Runtime: LabRuntime.Python);
        var (events, result) = await RunHarness.CompleteAsync(new LabRunner().Start(plan, _harness.Environment, CancellationToken.None))
            .WaitAsync(RunHarness.Timeout);

        var r = Assert.Single(result.Results);
        Assert.Equal("python-async", r.Strategy);
        Assert.Equal(300, r.TasksOk);
        var runner = Assert.Single(r.Spans.Select(s => s.Lane.ProcessId).Distinct());
        var samples = Assert.IsAssignableFrom<IReadOnlyList<CounterSample>>(r.Counters).Where(c => c.Process == runner).ToList();

        Assert.NotEmpty(samples);
        Assert.All(samples, s =>
        {
            Assert.True(s.WorkingSetMb > 1, $"runner working set {s.WorkingSetMb} MB");
            Assert.True(s.Threads >= 1, $"runner threads {s.Threads}");
            Assert.InRange(s.TasksInFlight ?? 0, 0, 300);
            Assert.True(s.CpuPercent >= 0);
        });

        // While the hellos sleep, the samples count them and divide the runner's added memory by them.
        var inFlight = samples.Where(s => s.TasksInFlight > 0).ToList();
        Assert.NotEmpty(inFlight);
        Assert.Contains(inFlight, s => s.BytesPerTask > 0);
        Assert.All(inFlight.Where(s => s.BytesPerTask is not null), s => Assert.True(s.BytesPerTask < 10 * 1024 * 1024, $"{s.BytesPerTask} B per task"));

        // They went live too, as the run's counter events.
        Assert.Contains(events.OfType<CountersSampled>(), e => e.Strategy == "python-async" && e.Sample.Process == runner);
    }
}
