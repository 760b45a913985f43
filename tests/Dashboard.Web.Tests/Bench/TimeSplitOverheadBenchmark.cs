using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Bench;

/// <summary>
/// What measuring the time split costs (issue 20: at most 2 %): the same plan with
/// <see cref="LabRunnerOptions.TimeSplit"/> on and off, in pairs run back to back, the order
/// alternating (on-off, off-on, ...) so a drifting machine weighs on both sides alike. Each pair
/// gives a wall ratio on/off; the figure is the median of those ratios (CPU likewise), beside the
/// ratio of the medians. Off stops the clock reads (the thread's CPU clock and its schedstat run-queue
/// delay); the segments themselves are still recorded. On, a thread per task measures as a sample
/// (<see cref="SplitSample"/>), as the lab does. Three plans:
/// CPU-bound power (one segment per task), 2,000 greetings of 1 ms, async and threads (two segments
/// per task in a short wall: the most clock reads per second of work), and the same greetings async
/// only at SPLIT_ASYNC_TASKS (default 20,000): a repetition of 2,000 takes 50-80 ms of CPU, so a
/// cost paid once per repetition weighs as much as one paid per task; the two sizes' CPU
/// differences (on - off, printed in ms) tell them apart. SPLIT_PLANS picks plans (power, hello,
/// async; default all); SPLIT_ONLY=on or off runs one side only (for a profiler). SPLIT_PAIRS sets the number of pairs
/// (default 11, 3-301); each median pair ratio is printed with its distribution-free 95 % interval
/// (the order statistics a binomial(n, 1/2) puts around the median), so a run says whether it can
/// tell 2 % from the machine's noise.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class TimeSplitOverheadBenchmark(ITestOutputHelper output)
{
    private static readonly int Pairs = Math.Clamp(
        int.TryParse(Environment.GetEnvironmentVariable("SPLIT_PAIRS"), CultureInfo.InvariantCulture, out var pairs) ? pairs : 11, 3, 301);

    private static readonly int AsyncTasks = Math.Clamp(
        int.TryParse(Environment.GetEnvironmentVariable("SPLIT_ASYNC_TASKS"), CultureInfo.InvariantCulture, out var tasks) ? tasks : 20_000, 1_000, 1_000_000);

    // For a profiler: "on" or "off" runs every repetition of the pairs with the split so (the ratios are then 1 by construction).
    private static readonly bool? Only = Environment.GetEnvironmentVariable("SPLIT_ONLY") switch { "on" => true, "off" => false, _ => null };

    private static readonly string[] Plans = (Environment.GetEnvironmentVariable("SPLIT_PLANS") ?? "power,hello,async")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [BenchmarkFact]
    public async Task TimeSplitOnVsOff_PowerAndAsyncGreetings_MedianPairRatios()
    {
        var folder = Directory.CreateTempSubdirectory("split-overhead-").FullName;
        try
        {
            output.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
            var environment = new WorkloadEnvironment("http://127.0.0.1:9/sim/", folder);
            if (Plans.Contains("power"))
            {
                await CompareAsync("power i^i from 50,000, 8 tasks (managed), sequential + parallel",
                    new RunPlan(new PowerParameters(50_000, 8, PowerEngine.Managed), [StrategyIds.Sequential, StrategyIds.Parallel]), environment);
            }

            if (Plans.Contains("hello"))
            {
                await CompareAsync("hello, 2,000 tasks of 1 ms, async + threads",
                    new RunPlan(new HelloParameters(2_000, "x", 1), [StrategyIds.Async, StrategyIds.Threads]), environment);
            }

            if (Plans.Contains("async"))
            {
                await CompareAsync($"hello, {AsyncTasks:N0} tasks of 1 ms, async",
                    new RunPlan(new HelloParameters(AsyncTasks, "x", 1), [StrategyIds.Async]), environment);
            }

            output.WriteLine($"load average at the end {LoadAverage()}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task CompareAsync(string name, RunPlan plan, WorkloadEnvironment environment)
    {
        await RunAsync(true, plan, environment); // warm-up: JIT, pool, first clock reads
        await RunAsync(false, plan, environment);
        var on = new List<Figures>();
        var off = new List<Figures>();
        for (var pair = 0; pair < Pairs; pair++)
        {
            if (pair % 2 == 0)
            {
                on.Add(await RunAsync(true, plan, environment));
                off.Add(await RunAsync(false, plan, environment));
            }
            else
            {
                off.Add(await RunAsync(false, plan, environment));
                on.Add(await RunAsync(true, plan, environment));
            }
        }

        var wallRatios = on.Zip(off, (a, b) => a.Wall / b.Wall).ToList();
        var cpuRatios = on.Zip(off, (a, b) => a.Cpu / b.Cpu).ToList();
        output.WriteLine($"{name}: {Pairs} pairs, order alternating");
        output.WriteLine($"  wall on/off per pair: {string.Join(" ", wallRatios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))}");
        output.WriteLine($"  split on:  median wall {Quantiles.Median(on.Select(r => r.Wall)):0.0000} s, cpu {Quantiles.Median(on.Select(r => r.Cpu)):0.0000} s");
        output.WriteLine($"  split off: median wall {Quantiles.Median(off.Select(r => r.Wall)):0.0000} s, cpu {Quantiles.Median(off.Select(r => r.Cpu)):0.0000} s");
        output.WriteLine($"  median pair ratio on/off: wall {Quantiles.Median(wallRatios):0.000} {Interval(wallRatios)} (goal <= 1.02), cpu {Quantiles.Median(cpuRatios):0.000} {Interval(cpuRatios)}; " +
            $"ratio of medians: wall {Quantiles.Median(on.Select(r => r.Wall)) / Quantiles.Median(off.Select(r => r.Wall)):0.000}");
        for (var i = 0; i < plan.Strategies.Count; i++)
        {
            var strategy = i;
            var walls = on.Zip(off, (a, b) => a.Walls[strategy] / b.Walls[strategy]).ToList();
            var cpus = on.Zip(off, (a, b) => a.Cpus[strategy] / b.Cpus[strategy]).ToList();
            // The CPU the split adds, absolute: per task when it grows with the plan, per repetition when not.
            var added = on.Zip(off, (a, b) => (a.Cpus[strategy] - b.Cpus[strategy]) * 1000).ToList();
            output.WriteLine($"  {plan.Strategies[strategy]}: median pair ratio wall {Quantiles.Median(walls):0.000} {Interval(walls)}, cpu {Quantiles.Median(cpus):0.000} {Interval(cpus)}; " +
                $"cpu on - off {Quantiles.Median(added):0.0} ms {Interval(added, "0.0")} ({Quantiles.Median(added) * 1000 / plan.Parameters.TaskCount:0.00} us a task)");

            // Where the wall went: the start loop (origin to the last start) and the tail after it.
            output.WriteLine($"    start loop median on {Quantiles.Median(on.Select(r => r.LastStarts[strategy])) * 1000:0.0} ms, off {Quantiles.Median(off.Select(r => r.LastStarts[strategy])) * 1000:0.0} ms; " +
                $"after the last start on {Quantiles.Median(on.Select(r => r.Walls[strategy] - r.LastStarts[strategy])) * 1000:0.0} ms, off {Quantiles.Median(off.Select(r => r.Walls[strategy] - r.LastStarts[strategy])) * 1000:0.0} ms");
        }
    }

    private static async Task<Figures> RunAsync(bool split, RunPlan plan, WorkloadEnvironment environment)
    {
        split = Only ?? split;
        var options = new LabRunnerOptions { BackgroundPriority = false, TimeSplit = split, CounterInterval = null };
        var run = new LabRunner(options).Start(plan, environment, CancellationToken.None);
        await foreach (var _ in run.Events)
        {
        }

        var result = await run.Completion;
        Assert.All(result.Results, r => Assert.Equal(plan.Parameters.TaskCount, r.TasksOk));
        // On: every repetition has a split (a thread per task measures as a sample: SplitSample); off: no span has one.
        Assert.All(result.Results, r => Assert.Equal(split, TimeSplit.Of(r) is not null));
        Assert.All(result.Results.SelectMany(r => r.Spans), s => Assert.True(split || s.Cpu is null));
        var results = plan.Strategies.Select(id => result.Results.Single(r => r.Strategy == id)).ToArray();
        return new(result.Results.Sum(r => r.WallSeconds), result.Results.Sum(r => r.CpuSeconds), [.. results.Select(r => r.WallSeconds)],
            [.. results.Select(r => r.CpuSeconds)], [.. results.Select(r => r.Spans.Max(s => s.Start))]);
    }

    /// <summary>One run's figures: its wall and CPU, and per strategy the wall, the CPU and the last task's start (the start loop).</summary>
    private sealed record Figures(double Wall, double Cpu, double[] Walls, double[] Cpus, double[] LastStarts);

    /// <summary>
    /// The distribution-free 95 % interval of the median: the k-th smallest and k-th largest value,
    /// k the largest with P(Binomial(n, 1/2) &lt; k) at most 2.5 %; "[a, b]".
    /// </summary>
    private static string Interval(IReadOnlyList<double> values, string format = "0.000")
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var k = 0;
        var below = 0.0; // P(X < k + 1), X ~ Binomial(n, 1/2)
        for (var i = 0; i <= n; i++)
        {
            below += Math.Exp(LogChoose(n, i) - n * Math.Log(2));
            if (below > 0.025)
            {
                break;
            }

            k = i + 1;
        }

        return k == 0 ? "[n too small]" : string.Create(CultureInfo.InvariantCulture, $"[{sorted[k - 1].ToString(format, CultureInfo.InvariantCulture)}, {sorted[n - k].ToString(format, CultureInfo.InvariantCulture)}]");
    }

    private static double LogChoose(int n, int k)
    {
        var sum = 0.0;
        for (var i = 1; i <= k; i++)
        {
            sum += Math.Log(n - k + i) - Math.Log(i);
        }

        return sum;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
