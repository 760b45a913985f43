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
        // 300 sleeps of 3 s at once on asyncio: the 50 ms samples while they sleep see them in flight.
        var plan = new RunPlan(new HelloParameters(300, "Robert Paulson", 3_000), [StrategyIds.Async], Runtime: LabRuntime.Python);
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
        // With few in flight the figure is mostly the interpreter's own growth after it was ready
        // (one task: 22 MB once), so the bound holds only with most of them waiting.
        var inFlight = samples.Where(s => s.TasksInFlight > 0).ToList();
        Assert.NotEmpty(inFlight);
        Assert.Contains(inFlight, s => s.BytesPerTask > 0);
        var crowded = inFlight.Where(s => s.TasksInFlight >= 150).ToList();
        Assert.NotEmpty(crowded);
        Assert.All(crowded, s => Assert.True(s.BytesPerTask < 1024 * 1024, $"{s.BytesPerTask} B per task with {s.TasksInFlight} in flight"));

        // They went live too, as the run's counter events.
        Assert.Contains(events.OfType<CountersSampled>(), e => e.Strategy == "python-async" && e.Sample.Process == runner);
    }
}
