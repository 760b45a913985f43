using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Running;

/// <summary>A real sweep: the real hello workload, in-process strategies and real worker processes.</summary>
public sealed class SweepRunTests : IDisposable
{
    private readonly RunHarness _harness = new();

    [Fact]
    public async Task Start_Sweep_RunsEachSizedStrategyOncePerSizeWithThatSize()
    {
        // 4 waits of 400 ms: with size n, at most n run at once. Workers get their tasks up front
        // (contiguous), so both processes run tasks however late the second one starts.
        var plan = new RunPlan(new HelloParameters(4, "Sweep", 400),
            [StrategyIds.Sequential, StrategyIds.ThreadPool, StrategyIds.Async, StrategyIds.Processes], Sweep: [2, 1],
            Options: new StrategyOptions(ProcessSplit: ProcessSplit.Contiguous));
        var runner = new LabRunner(new LabRunnerOptions { GracePeriod = TimeSpan.FromMilliseconds(500) });

        var (events, result) = await _harness.RunAsync(runner, plan);

        string[] expected = ["sequential", "threadpool@1", "threadpool@2", "async@1", "async@2", "processes@1", "processes@2"];
        Assert.Equal(expected, result.Results.Select(r => r.Strategy));
        Assert.Equal(expected, events.OfType<StrategyStarted>().Select(e => e.Strategy));
        Assert.All(result.Results, r => Assert.Equal((4, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck)));
        foreach (var r in result.Results.Where(r => StrategySizes.IsPoint(r.Strategy)))
        {
            // In process the size is the overlap; a second worker process may start after the first
            // has finished its share on a loaded machine, so there the size is a ceiling.
            var size = StrategySizes.SizeOf(r.Strategy)!.Value;
            if (StrategySizes.StrategyOf(r.Strategy) == StrategyIds.Processes)
            {
                Assert.InRange(RunHarness.MaxOverlap(r.Spans), 1, size);
            }
            else
            {
                Assert.Equal(size, RunHarness.MaxOverlap(r.Spans));
            }
        }

        Assert.Single(result.Results.Single(r => r.Strategy == "processes@1").Spans.Select(s => s.Lane.ProcessId).Distinct());
        Assert.Equal(2, result.Results.Single(r => r.Strategy == "processes@2").Spans.Select(s => s.Lane.ProcessId).Distinct().Count());

        var curves = ScalingSweep.Compute(RunStatistics.Compute(result.Results));
        Assert.Equal([StrategyIds.ThreadPool, StrategyIds.Async, StrategyIds.Processes], curves.Select(c => c.Strategy));
        Assert.All(curves, c =>
        {
            Assert.Equal(ScalingSweep.SizeOneBaseline, c.Baseline);
            Assert.Equal([1, 2], c.Points.Select(p => p.Size));
            Assert.NotNull(c.Fit);
            Assert.InRange(c.Fit.SerialFraction, 0, 1);
        });
    }

    public void Dispose() => _harness.Dispose();
}
