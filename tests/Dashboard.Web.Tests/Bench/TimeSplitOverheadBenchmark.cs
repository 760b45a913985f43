using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Bench;

/// <summary>
/// What measuring the time split costs: the same runs with <see cref="LabRunnerOptions.TimeSplit"/>
/// on and off, rounds interleaved (on, off, on, off, ...), median wall and CPU side by side with
/// their ratio (goal &lt;= 1.02). Two runs: CPU-bound power (one segment per task) and 2,000 async
/// greetings of 1 ms (a segment per resumption, the most clock reads per second of work).
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class TimeSplitOverheadBenchmark(ITestOutputHelper output)
{
    private const int Rounds = 9;

    [BenchmarkFact]
    public async Task TimeSplitOnVsOff_PowerAndAsyncGreetings_MedianRatios()
    {
        var folder = Directory.CreateTempSubdirectory("split-overhead-").FullName;
        try
        {
            var environment = new WorkloadEnvironment("http://127.0.0.1:9/sim/", folder);
            await CompareAsync("power i^i from 50,000, 8 tasks, sequential + parallel",
                new RunPlan(new PowerParameters(50_000, 8, PowerEngine.Managed), [StrategyIds.Sequential, StrategyIds.Parallel]), environment);
            await CompareAsync("hello, 2,000 tasks of 1 ms, async + threads",
                new RunPlan(new HelloParameters(2_000, "x", 1), [StrategyIds.Async, StrategyIds.Threads]), environment);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task CompareAsync(string name, RunPlan plan, WorkloadEnvironment environment)
    {
        var on = new List<(double Wall, double Cpu)>();
        var off = new List<(double Wall, double Cpu)>();
        await RunAsync(true, plan, environment); // warm-up
        for (var round = 0; round < Rounds; round++)
        {
            on.Add(await RunAsync(true, plan, environment));
            off.Add(await RunAsync(false, plan, environment));
        }

        double Median(List<(double Wall, double Cpu)> runs, Func<(double Wall, double Cpu), double> pick) => Quantiles.Median(runs.Select(pick));
        output.WriteLine($"{name}, {Rounds} rounds interleaved");
        output.WriteLine($"  split on:  median wall {Median(on, r => r.Wall):0.0000} s, cpu {Median(on, r => r.Cpu):0.0000} s");
        output.WriteLine($"  split off: median wall {Median(off, r => r.Wall):0.0000} s, cpu {Median(off, r => r.Cpu):0.0000} s");
        output.WriteLine($"  ratio on/off: wall {Median(on, r => r.Wall) / Median(off, r => r.Wall):0.000}, cpu {Median(on, r => r.Cpu) / Median(off, r => r.Cpu):0.000} (goal <= 1.02)");
    }

    private static async Task<(double Wall, double Cpu)> RunAsync(bool split, RunPlan plan, WorkloadEnvironment environment)
    {
        var options = new LabRunnerOptions { BackgroundPriority = false, TimeSplit = split, CounterInterval = null };
        var run = new LabRunner(options).Start(plan, environment, CancellationToken.None);
        await foreach (var _ in run.Events)
        {
        }

        var result = await run.Completion;
        return (result.Results.Sum(r => r.WallSeconds), result.Results.Sum(r => r.CpuSeconds));
    }
}
