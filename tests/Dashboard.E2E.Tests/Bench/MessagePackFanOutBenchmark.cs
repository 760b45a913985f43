using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.E2E.Tests.Bench;

/// <summary>
/// A classroom on the hub: 50 MessagePack watchers of hello 10,000 x 1 s async. The server is the
/// app in its own process (the built Dashboard.Web.dll, its own GC settings), so its resident
/// memory and CPU are its own; the watchers are .NET SignalR clients in this process that keep up:
/// each notes a message's arrival when the client hands it over, then reads only the seq, type and
/// wall-time columns (<see cref="PackedTimes"/>), not a whole unpack; how long a whole unpack of the
/// largest message takes is printed apart. Prints event latency (event wallMs to arrival), the age
/// of each message's newest event at arrival (what the fan-out and the wire add), events lost, and
/// the server's RSS before, at its peak and 10 s after the end; for each batch interval in
/// BATCH_MS (default "100"), servers side by side, rounds interleaved. Never asserts speed. BENCH=1.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class MessagePackFanOutBenchmark(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Tasks = 10_000;
    private static readonly TimeSpan After = TimeSpan.FromSeconds(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("dashboard-fanout-").FullName;

    private static int Watchers => int.TryParse(Environment.GetEnvironmentVariable("WATCHERS"), CultureInfo.InvariantCulture, out var n) ? n : 50;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    [BenchFact]
    public async Task FanOut_FiftyWatchersOfAnotherProcess_LatencyLossAndServerMemory()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = timeout.Token;
        var intervals = (Environment.GetEnvironmentVariable("BATCH_MS") ?? "100").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var servers = new List<(int Interval, AppProcess App, string Token)>();
        try
        {
            foreach (var interval in intervals)
            {
                var token = "fanout-" + Guid.NewGuid().ToString("N");
                var app = await AppProcess.StartAsync(BuiltApp(), ["Dashboard.Web.dll", "--urls", "http://127.0.0.1:0"], new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Dashboard__DataDirectory"] = Path.Combine(_folder, $"data-{interval}"),
                    ["Auth__Token"] = token,
                    ["Hubs__MaxConnectionsPerClient"] = "200",
                    ["Runs__BatchIntervalMs"] = interval.ToString(CultureInfo.InvariantCulture),
                }, ct);
                servers.Add((interval, app, token));
            }

            // One unprinted round per server (JIT, pools, the store's first writes), then rounds interleaved.
            foreach (var (interval, app, token) in servers)
            {
                await MeasureAsync(app, token, interval, print: false, ct);
            }

            for (var round = 0; round < 2; round++)
            {
                foreach (var (interval, app, token) in servers)
                {
                    await MeasureAsync(app, token, interval, print: true, ct);
                }
            }
        }
        finally
        {
            foreach (var (_, app, _) in servers)
            {
                await app.DisposeAsync();
            }
        }
    }

    private async Task MeasureAsync(AppProcess app, string token, int interval, bool print, CancellationToken ct)
    {
        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var connections = new List<HubConnection>();
        for (var i = 0; i < Watchers; i++)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(app.BaseAddress, "hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .AddMessagePackProtocol()
                .WithServerTimeout(TimeSpan.FromMinutes(3))
                .WithKeepAliveInterval(TimeSpan.FromSeconds(5))
                .Build();
            await connection.StartAsync(ct);
            connections.Add(connection);
        }

        // A short run ahead keeps the measured one queued until every watcher watches it.
        await EnqueueAsync(api, new { workload = "hello", tasks = 1, strategies = new[] { "sequential" }, options = new { delayMs = 3_000 } }, ct);
        var id = await EnqueueAsync(api, new { workload = "hello", tasks = Tasks, strategies = new[] { "async" }, options = new { delayMs = 1_000 } }, ct);
        var server = Process.GetProcessById(app.ProcessId);
        var rssBefore = Rss(app.ProcessId);
        var peak = rssBefore;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Rss(app.ProcessId));
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);

        var largest = new ReadOnlyMemory<byte>[1];
        var results = await Task.WhenAll(connections.Select((connection, index) => Task.Run(async () =>
        {
            var watched = new Watched();
            await foreach (var wire in connection.StreamAsync<WireMessage>("Watch", id, ct))
            {
                var arrived = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
                var packed = wire.Packed;
                watched.Bytes += packed.Length;
                var times = PackedTimes.Read(packed);
                for (var i = 0; i < times.Seqs.Length; i++)
                {
                    watched.Gaps += times.Seqs[i] == watched.Last + 1 ? 0 : 1;
                    watched.Last = times.Seqs[i];
                    watched.Received++;
                    if (!times.Snapshot && times.Types[i] == 1)
                    {
                        watched.Latencies.Add(arrived - (times.WallMicros[i] / 1e3));
                    }
                }

                if (!times.Snapshot && times.WallMicros.Length > 0)
                {
                    watched.NewestAges.Add(arrived - (times.WallMicros.Max() / 1e3));
                }

                if (index == 0 && packed.Length > largest[0].Length)
                {
                    largest[0] = packed;
                }
            }

            return watched;
        }, ct)));
        var endedAt = Stopwatch.StartNew();
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        var cpuAtEnd = server.TotalProcessorTime;
        await Task.Delay(After - endedAt.Elapsed, ct);
        server.Refresh();
        var cpuAfter = (server.TotalProcessorTime - cpuAtEnd).TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var rssAfter = Rss(app.ProcessId);
        if (!print)
        {
            return;
        }

        var total = results.Max(r => r.Last);
        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        var ages = results.SelectMany(r => r.NewestAges).Order().ToArray();
        var unpack = UnpackMilliseconds(largest[0]);
        Print($"{Watchers} MessagePack watchers (this process) of hello {Tasks:N0} x 1 s async on the app in its own process, batch interval {interval} ms:");
        Print($"  {total:N0} events per watcher, lost {results.Sum(r => total - r.Received)}, gaps {results.Sum(r => r.Gaps)}; {(double)results[0].Bytes / total:0.0} bytes per event");
        Print($"  event latency (wallMs to the message's arrival): n={latencies.Length:N0} median {At(latencies, 0.5):0} ms p95 {At(latencies, 0.95):0} ms max {latencies[^1]:0} ms");
        Print($"  newest event's age at arrival (fan-out and wire): median {At(ages, 0.5):0} ms p95 {At(ages, 0.95):0} ms max {ages[^1]:0} ms");
        Print($"  a whole unpack of the largest message ({largest[0].Length / 1024.0:0} KiB): {unpack:0.0} ms");
        Print($"  server RSS: before {rssBefore / 1048576.0:0} MB, peak {peak / 1048576.0:0} MB, {After.TotalSeconds:0} s after the end {rssAfter / 1048576.0:0} MB (+{(rssAfter - rssBefore) / 1048576.0:0} MB); server CPU in those {After.TotalSeconds:0} s {cpuAfter:0.00} s");
    }

    private static string BuiltApp() =>
        Path.Combine(AppProcess.RepositoryRoot, "src", "Dashboard.Web", "bin", "Release", "net10.0");

    private static async Task<long> EnqueueAsync(HttpClient api, object body, CancellationToken ct)
    {
        using var response = await api.PostAsJsonAsync("api/runs", body, ct);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<Created>(ct);
        return created!.Id;
    }

    private static double UnpackMilliseconds(ReadOnlyMemory<byte> packed)
    {
        var samples = new double[5];
        for (var i = 0; i < samples.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            _ = WirePack.Read(packed);
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }

        return samples.Order().ElementAt(samples.Length / 2);
    }

    /// <summary>Resident set of a process (VmRSS), in bytes.</summary>
    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static double At(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private void Print(FormattableString line)
    {
        var text = line.ToString(CultureInfo.InvariantCulture);
        output.WriteLine(text);
        Console.WriteLine(text);
    }

    private sealed record Created(long Id);

    private sealed class Watched
    {
        public List<double> Latencies { get; } = [];

        public List<double> NewestAges { get; } = [];

        public long Received { get; set; }

        public long Last { get; set; }

        public int Gaps { get; set; }

        public long Bytes { get; set; }
    }
}
