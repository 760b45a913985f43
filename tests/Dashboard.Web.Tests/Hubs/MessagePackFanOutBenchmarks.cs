using System.Diagnostics;
using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Hubs;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Hubs;

/// <summary>
/// The hub's MessagePack protocol under a classroom's load, printed, never asserted on speed:
/// bytes per event of JSON against packed columns for the same messages, then 50 watchers with
/// the .NET SignalR client over MessagePack on a 10,000-task run (each unpacks every message as it
/// arrives: a client that keeps up, since unpacking a 10,000-event batch takes milliseconds): delivery
/// latency (event wallMs to the message unpacked), events lost, and the process's working set
/// before the run and 10 s after it ends. BENCH=1 to run.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class MessagePackFanOutBenchmarks(ITestOutputHelper output)
{
    private const int Watchers = 50;

    [BenchmarkFact]
    public async Task FanOut_FiftyMessagePackWatchers_BytesPerEventLatencyLossAndMemory()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = timeout.Token;
        // 50 clients and the server share this process: on a loaded machine a client's pings can
        // come later than the server's 30 s client timeout, which then resets its socket mid-run
        // (seen at load 60). The benchmark measures delivery, so both sides wait longer.
        await using var factory = new DashboardFactory(
            new Dictionary<string, string?>
            {
                ["Hubs:MaxConnectionsPerClient"] = "100",
                ["Serilog:MinimumLevel:Default"] = "Warning",
            },
            services => services.Configure<Microsoft.AspNetCore.SignalR.HubOptions>(o => o.ClientTimeoutInterval = TimeSpan.FromMinutes(3)));
        factory.StartServer();
        var queue = factory.Services.GetRequiredService<RunQueue>();
        var plan = new RunPlan(new HelloParameters(10_000, "Robert Paulson", 1_000), ["async"]);
        for (var round = 0; round < 3; round++)
        {
            await MeasureAsync(factory, queue, plan, print: round > 0, ct);
        }
    }

    private async Task MeasureAsync(DashboardFactory factory, RunQueue queue, RunPlan plan, bool print, CancellationToken ct)
    {
        var connections = new List<HubConnection>();
        for (var i = 0; i < Watchers; i++)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(factory.BaseAddress, "hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(factory.Token))
                .AddMessagePackProtocol()

                // 50 clients in one process on 2 busy cores may read their pings late: not a lost server.
                .WithServerTimeout(TimeSpan.FromMinutes(3))
                .WithKeepAliveInterval(TimeSpan.FromSeconds(5))
                .Build();
            await connection.StartAsync(ct);
            connections.Add(connection);
        }

        Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var run = queue.Enqueue(plan);
        long jsonBytes = 0, packedBytes = 0, sized = 0;
        var results = await Task.WhenAll(connections.Select((connection, index) => Task.Run(async () =>
        {
            var latencies = new List<double>();
            long received = 0, last = 0, gaps = 0;
            await foreach (var wire in connection.StreamAsync<WireMessage>("Watch", run.Id, ct))
            {
                var message = wire.Unpack();
                var now = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
                var events = message switch { RunFeedSnapshot s => s.Events, RunFeedBatch b => b.Events, _ => [] };
                foreach (var e in events)
                {
                    gaps += e.Seq == last + 1 ? 0 : 1;
                    last = e.Seq;
                    received++;
                    if (message is RunFeedBatch && e.Type == "task")
                    {
                        latencies.Add(now - e.WallMs);
                    }
                }

                if (index == 0 && events.Count > 0)
                {
                    // The same message's JSON, as the JSON protocol would send it.
                    Interlocked.Add(ref jsonBytes, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message, WirePack.Json).Length);
                    Interlocked.Add(ref packedBytes, wire.Packed.Length);
                    Interlocked.Add(ref sized, events.Count);
                }
            }

            return (latencies, received, gaps);
        }, ct)));

        await WaitForStateAsync(queue, run.Id, ct, RunState.Completed, RunState.Failed, RunState.Cancelled);
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        Collect();
        var afterRun = Process.GetCurrentProcess().WorkingSet64;
        if (!print)
        {
            return;
        }

        var total = queue.Get(run.Id)!.LastSeq;
        var latencies = results.SelectMany(r => r.latencies).Order().ToArray();
        double At(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        Print(string.Create(CultureInfo.InvariantCulture,
            $"{Watchers} MessagePack watchers, hello 10,000 x 1 s async: {total:N0} events per watcher, lost {results.Sum(r => total - r.received)}, gaps {results.Sum(r => r.gaps)}"));
        Print(string.Create(CultureInfo.InvariantCulture,
            $"  bytes per event: JSON {(double)jsonBytes / sized:0.0}, MessagePack packed {(double)packedBytes / sized:0.0} (same {sized:N0} events)"));
        Print(string.Create(CultureInfo.InvariantCulture,
            $"  delivery latency (event wallMs to message unpacked): n={latencies.Length:N0} median {At(0.5):0} ms p95 {At(0.95):0} ms max {latencies[^1]:0} ms"));
        Print(string.Create(CultureInfo.InvariantCulture,
            $"  process working set: before the run {before / 1048576.0:0} MB, 10 s after its end (watchers closed, GC) {afterRun / 1048576.0:0} MB"));
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
