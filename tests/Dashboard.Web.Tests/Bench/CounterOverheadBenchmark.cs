using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Bench;

/// <summary>
/// Sampling overhead: the same CPU-bound run with counters every 50 ms and with counters off,
/// rounds interleaved (on, off, on, off, ...), median wall times side by side and their ratio (goal &lt;= 1.02).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class CounterOverheadBenchmark(ITestOutputHelper output)
{
    [BenchmarkFact]
    public async Task CountersOnVsOff_SameRun_MedianWallRatio()
    {
        const int Rounds = 9;
        var folder = Directory.CreateTempSubdirectory("counter-overhead-").FullName;
        try
        {
            var environment = new WorkloadEnvironment("http://127.0.0.1:9/sim/", folder);
            var plan = new RunPlan(new PowerParameters(50_000, 8, PowerEngine.Managed), [StrategyIds.Sequential, StrategyIds.Parallel], Repeat: 1, Warmup: 0);
            var on = new List<double>();
            var off = new List<double>();
            await RunAsync(new LabRunnerOptions { BackgroundPriority = false }, plan, environment); // warm-up
            for (var round = 0; round < Rounds; round++)
            {
                on.Add(await RunAsync(new LabRunnerOptions { BackgroundPriority = false, CounterInterval = TimeSpan.FromMilliseconds(50) }, plan, environment));
                off.Add(await RunAsync(new LabRunnerOptions { BackgroundPriority = false, CounterInterval = null }, plan, environment));
            }

            var medianOn = Quantiles.Median(on);
            var medianOff = Quantiles.Median(off);
            output.WriteLine($"power i^i from 50,000, 8 tasks, sequential + parallel, {Rounds} rounds interleaved");
            output.WriteLine($"counters on (50 ms):  median {medianOn:0.0000} s  [{string.Join(", ", on.Select(s => s.ToString("0.000")))}]");
            output.WriteLine($"counters off:         median {medianOff:0.0000} s  [{string.Join(", ", off.Select(s => s.ToString("0.000")))}]");
            output.WriteLine($"ratio on/off: {medianOn / medianOff:0.000} (goal <= 1.02)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> RunAsync(LabRunnerOptions options, RunPlan plan, WorkloadEnvironment environment)
    {
        var run = new LabRunner(options).Start(plan, environment, CancellationToken.None);
        await foreach (var _ in run.Events)
        {
        }

        var result = await run.Completion;
        return result.Results.Sum(r => r.WallSeconds);
    }
}
