using System.Diagnostics;
using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Runs;

/// <summary>
/// Figures, printed, never asserted, because a live page must stay usable while the lab works: web responsiveness while a CPU-bound run
/// saturates the cores, and what a live viewer costs a run. BENCH=1 to run.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class LiveServiceBenchmarks(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> QuietLogs = new()
    {
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Warning",
        ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",

        // 10,000 async waits of 1 s are 10,000 s of sequential work: far over the default budget.
        ["Runs:MaxRunSeconds"] = "100000",
    };

    [BenchmarkFact]
    public async Task Responsiveness_CpuBoundRunSaturatingCores_HomePageAndHubRoundTrip()
    {
        foreach (var background in new[] { true, false })
        {
            await MeasureResponsivenessAsync(background);
        }
    }

    [BenchmarkFact]
    public async Task StreamingOverhead_SameRunWithAndWithoutLiveViewer_WallTimeRatio()
    {
        await MeasureOverheadAsync("hello 2,000 tasks x 50 ms, async + threads",
            new RunPlan(new HelloParameters(2_000, "Robert Paulson", 50), ["async", "threads"]), rounds: 5);
        // 1 s waits so the viewer is connected well before the run ends (a live stream, not a snapshot).
        await MeasureOverheadAsync("hello 10,000 tasks x 1,000 ms, async",
            new RunPlan(new HelloParameters(10_000, "Robert Paulson", 1_000), ["async"]), rounds: 5);
    }

    private async Task MeasureResponsivenessAsync(bool backgroundPriority)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = timeout.Token;
        await using var factory = new DashboardFactory(new Dictionary<string, string?>(QuietLogs)
        {
            ["Lab:BackgroundPriority"] = backgroundPriority ? "true" : "false",
        });
        var queue = factory.Services.GetRequiredService<IRunQueue>();
        using var client = factory.CreateSignedInClient();
        await using var hub = await RunHubClient.ConnectAsync(factory, ct);

        // Warm up both paths, then an idle baseline.
        var idle = await SampleAsync(client, hub, () => true, 30, ct);

        // Managed BigInteger i^i around 300,000: ~0.5 s a task, 16 tasks per strategy on 2 cores.
        var plan = new RunPlan(new PowerParameters(300_000, 16, PowerEngine.Managed), ["parallel", "processes"]);
        var run = queue.Enqueue(plan);
        await WaitForStateAsync(queue, run.Id, ct, RunState.Running, RunState.Completed, RunState.Failed);
        var busy = await SampleAsync(client, hub, () => queue.Find(run.Id)!.State == RunState.Running, int.MaxValue, ct);
        var final = await WaitForStateAsync(queue, run.Id, ct, RunState.Completed, RunState.Failed, RunState.Cancelled);

        Print($"Responsiveness, BackgroundPriority={backgroundPriority}, {Environment.ProcessorCount} cores; run {final.State}: "
            + string.Join(", ", final.Results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Strategy} {r.WallSeconds:0.00} s"))));
        Print($"  idle:  GET / {Stats(idle.Get)}; hub Ping {Stats(idle.Ping)}");
        Print($"  busy:  GET / {Stats(busy.Get)}; hub Ping {Stats(busy.Ping)}");
    }

    private static async Task<(List<double> Get, List<double> Ping)> SampleAsync(
        HttpClient client, HubConnection hub, Func<bool> keepGoing, int maxSamples, CancellationToken cancellationToken)
    {
        var get = new List<double>();
        var ping = new List<double>();
        for (var i = 0; i < maxSamples && keepGoing(); i++)
        {
            var watch = Stopwatch.StartNew();
            using (var response = await client.GetAsync(new Uri("/", UriKind.Relative), cancellationToken))
            {
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }

            get.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await hub.InvokeAsync<long>("Ping", (long)i, cancellationToken);
            ping.Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(50, cancellationToken);
        }

        return (get, ping);
    }

    private async Task MeasureOverheadAsync(string name, RunPlan plan, int rounds)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = timeout.Token;
        await using var factory = new DashboardFactory(QuietLogs);
        var queue = factory.Services.GetRequiredService<IRunQueue>();
        var results = new Dictionary<bool, List<(double Wall, double Elapsed, double Cpu, int Items, long Bytes, IReadOnlyList<StrategyResult> Strategies)>> { [false] = [], [true] = [] };

        // One warmup of each, then interleaved: none, live, none, live, ...
        for (var round = -1; round < rounds; round++)
        {
            foreach (var watched in new[] { false, true })
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var run = queue.Enqueue(plan);
                var watching = watched ? RawHubWatcher.WatchAsync(factory.BaseAddress, factory.Token, run.Id, ct) : Task.FromResult((0, 0L));
                var final = await WaitForStateAsync(queue, run.Id, ct, RunState.Completed, RunState.Failed, RunState.Cancelled);
                var (items, bytes) = await watching;
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                if (round >= 0)
                {
                    results[watched].Add((final.Results.Sum(r => r.WallSeconds), (final.EndedAt!.Value - final.StartedAt!.Value).TotalSeconds, cpu, items, bytes, final.Results));
                }
            }
        }

        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var none = results[false];
        var live = results[true];
        Print($"Streaming overhead, {name}, medians of {rounds} interleaved:");
        Print(string.Create(CultureInfo.InvariantCulture,
            $"  strategies' wall (sum): none {Median(none.Select(r => r.Wall)):0.000} s, live {Median(live.Select(r => r.Wall)):0.000} s, ratio live/none {Median(live.Select(r => r.Wall)) / Median(none.Select(r => r.Wall)):0.000}"));
        foreach (var strategy in plan.Strategies)
        {
            var a = Median(none.Select(r => r.Strategies.Single(x => x.Strategy == strategy).WallSeconds));
            var b = Median(live.Select(r => r.Strategies.Single(x => x.Strategy == strategy).WallSeconds));
            Print(string.Create(CultureInfo.InvariantCulture, $"    {strategy}: none {a:0.000} s, live {b:0.000} s, ratio {b / a:0.000}"));
        }

        Print(string.Create(CultureInfo.InvariantCulture,
            $"  run elapsed:            none {Median(none.Select(r => r.Elapsed)):0.000} s, live {Median(live.Select(r => r.Elapsed)):0.000} s"));
        Print(string.Create(CultureInfo.InvariantCulture,
            $"  process CPU:            none {Median(none.Select(r => r.Cpu)):0.000} s, live {Median(live.Select(r => r.Cpu)):0.000} s => streaming ~{Median(live.Select(r => r.Cpu)) - Median(none.Select(r => r.Cpu)):0.000} s CPU"));
        Print(string.Create(CultureInfo.InvariantCulture,
            $"  live stream: {Median(live.Select(r => (double)r.Items)):0} messages, {Median(live.Select(r => r.Bytes / 1024.0)):0} KB"));
    }

    private static string Stats(List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return "no samples";
        }

        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"n={sorted.Length} median {At(0.5):0.0} ms p95 {At(0.95):0.0} ms max {sorted[^1]:0.0} ms");
    }

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
