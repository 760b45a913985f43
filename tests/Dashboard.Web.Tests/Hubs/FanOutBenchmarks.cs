using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Hubs;

/// <summary>
/// Fan-out under load, printed, never asserted on speed: 50 hub watchers on a 10,000-task run whose
/// 10,000 completions land in one burst, once on quiet cores and once with every core saturated;
/// delivery latency (event time to a watcher holding it), events lost, and GET / and GET /api/runs
/// while it streams. BENCH=1 to run.
/// </summary>
/// <remarks>
/// Runs execute one at a time, so a CPU-bound run cannot overlap the watched one: a run started
/// first would end before the watched run starts. The cores are saturated instead by one burner
/// thread per core in this process (where the app's own CPU-bound strategies would run too),
/// started before the watched run and stopped when it ends or after <see cref="BurnerLimit"/>.
/// </remarks>
[Trait("Category", "Benchmark")]
public sealed class FanOutBenchmarks(ITestOutputHelper output)
{
    private const int Watchers = 50;
    private static readonly TimeSpan BurnerLimit = TimeSpan.FromMinutes(3);

    [BenchmarkFact]
    public async Task FanOut_FiftyWatchersTenThousandTaskBurst_LatencyLossAndPageTimes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = timeout.Token;
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await using var factory = new DashboardFactory(new Dictionary<string, string?>
        {
            ["Auth:Token"] = token,

            // Every watcher connects from this one address.
            ["Hubs:MaxConnectionsPerClient"] = "100",

            // 10,000 waits of 1 s overlap (async); the budget weighs them as 10,000 s of sequential work.
            ["Runs:MaxRunSeconds"] = "20000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // 10,000 tasks wait 1 s each together, so their completions reach the feed in one burst.
        var plan = new RunPlan(new HelloParameters(10_000, "Robert Paulson", 1_000), ["async"]);
        await MeasureAsync(factory, client, token, plan, burn: false, warmup: true, ct);
        foreach (var burn in new[] { false, true, false, true })
        {
            await MeasureAsync(factory, client, token, plan, burn, warmup: false, ct);
        }
    }

    private async Task MeasureAsync(DashboardFactory factory, HttpClient client, string token, RunPlan plan, bool burn, bool warmup, CancellationToken ct)
    {
        var queue = factory.Services.GetRequiredService<RunQueue>();
        using var burner = new CancellationTokenSource(BurnerLimit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(burner.Token, ct);
        var burners = burn ? StartBurners(linked.Token) : [];
        var run = queue.Enqueue(plan);
        var watching = Task.WhenAll(Enumerable.Range(0, Watchers).Select(_ => LatencyWatcher.WatchAsync(factory.BaseAddress, token, run.Id, ct)));

        // Pages are sampled for as long as the watchers are being served, not only while the run runs.
        var pages = SamplePagesAsync(client, () => !watching.IsCompleted, ct);
        var results = await watching;
        var (home, list) = await pages;
        await burner.CancelAsync();
        foreach (var thread in burners)
        {
            thread.Join();
        }

        var final = await WaitForStateAsync(queue, run.Id, ct, RunState.Completed, RunState.Failed, RunState.Cancelled);
        if (warmup)
        {
            return;
        }

        var total = queue.Get(run.Id)!.LastSeq;
        var lost = results.Sum(r => total - r.Received);
        var latencies = results.SelectMany(r => r.Latencies).ToList();
        Print(string.Create(CultureInfo.InvariantCulture,
            $"{Watchers} watchers, hello 10,000 x 1 s async, cores {(burn ? "saturated by " + Environment.ProcessorCount + " burner threads" : "quiet")}, run {final.State} in {final.Results.Sum(r => r.WallSeconds):0.00} s:"));
        Print($"  delivery latency (batched events, all watchers): {Stats(latencies)}");
        Print(string.Create(CultureInfo.InvariantCulture,
            $"  events: {total:N0} per watcher, lost {lost} in all, gaps {results.Sum(r => r.Gaps)}, messages per watcher median {Median(results.Select(r => (double)r.Messages)):0}"));
        Print($"  GET / {Stats(home)}");
        Print($"  GET /api/runs {Stats(list)}");
    }

    private static Thread[] StartBurners(CancellationToken stop)
    {
        var threads = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(() =>
        {
            var x = 1UL;
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < 100_000; i++)
                {
                    x = (x * 6364136223846793005UL) + 1442695040888963407UL;
                }
            }

            GC.KeepAlive(x);
        })
        { IsBackground = true, Name = "cpu-burner" }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        return threads;
    }

    private static async Task<(List<double> Home, List<double> List)> SamplePagesAsync(HttpClient client, Func<bool> keepGoing, CancellationToken ct)
    {
        var home = new List<double>();
        var list = new List<double>();
        for (var i = 0; i < 10_000 && keepGoing(); i++)
        {
            home.Add(await TimeGetAsync(client, "/", ct));
            list.Add(await TimeGetAsync(client, "/api/runs", ct));
            await Task.Delay(50, ct);
        }

        return (home, list);
    }

    private static async Task<double> TimeGetAsync(HttpClient client, string path, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(ct);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
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
            $"n={sorted.Length:N0} median {At(0.5):0.0} ms p95 {At(0.95):0.0} ms max {sorted[^1]:0.0} ms");
    }

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
