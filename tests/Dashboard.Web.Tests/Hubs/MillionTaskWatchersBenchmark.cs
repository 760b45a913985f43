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
/// Ten MessagePack hub watchers of a 1,000,000-task hello async run (10 ms waits), which the feed
/// aggregates (Runs:AggregateAbove): prints per watcher the tasks its tallies count (lost = N minus
/// them), sequence gaps, the events and bytes it received, the run's wall time, and the process's
/// working set before, at the end and 10 s after. BENCH=1 to run; figures only.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class MillionTaskWatchersBenchmark(ITestOutputHelper output)
{
    private const int Watchers = 10;
    private const int Tasks = 1_000_000;

    [BenchmarkFact]
    public async Task TenWatchers_MillionTaskRun_NoTaskLost()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var ct = timeout.Token;
        await using var factory = new DashboardFactory(
            new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" },
            services => services.Configure<Microsoft.AspNetCore.SignalR.HubOptions>(o => o.ClientTimeoutInterval = TimeSpan.FromMinutes(3)));
        factory.StartServer();
        var queue = factory.Services.GetRequiredService<RunQueue>();
        var connections = new List<HubConnection>();
        for (var i = 0; i < Watchers; i++)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(factory.BaseAddress, "hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(factory.Token))
                .AddMessagePackProtocol()
                .WithServerTimeout(TimeSpan.FromMinutes(3))
                .WithKeepAliveInterval(TimeSpan.FromSeconds(5))
                .Build();
            await connection.StartAsync(ct);
            connections.Add(connection);
        }

        Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var run = queue.Enqueue(new RunPlan(new HelloParameters(Tasks, "Robert Paulson", 10), ["async"]));
        var results = await Task.WhenAll(connections.Select(connection => Task.Run(async () =>
        {
            long ok = 0, failed = 0, started = 0, events = 0, bytes = 0, last = 0, gaps = 0;
            await foreach (var wire in connection.StreamAsync<WireMessage>("Watch", run.Id, ct))
            {
                bytes += wire.Packed.Length;
                var message = wire.Unpack();
                foreach (var e in message switch { RunFeedSnapshot s => s.Events, RunFeedBatch b => b.Events, _ => [] })
                {
                    gaps += e.Seq == last + 1 ? 0 : 1;
                    last = e.Seq;
                    events++;
                    if (e.Tally is { } tally)
                    {
                        started += tally.Started;
                        ok += tally.Ok;
                        failed += tally.Failed;
                    }
                }
            }

            return (started, ended: ok + failed, events, bytes, gaps);
        }, ct)));

        var summary = await WaitForStateAsync(queue, run.Id, ct, RunState.Completed, RunState.Failed, RunState.Cancelled);
        var atEnd = Process.GetCurrentProcess().WorkingSet64;
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        Collect();
        var after = Process.GetCurrentProcess().WorkingSet64;
        var wall = summary.Results.Count > 0 ? summary.Results[^1].WallSeconds : double.NaN;
        Print(string.Create(CultureInfo.InvariantCulture,
            $"{Watchers} MessagePack watchers, hello {Tasks:N0} x 10 ms async ({summary.State}, wall {wall:0.00} s): " +
            $"tasks counted per watcher {string.Join("/", results.Select(r => r.ended).Distinct())}, lost {results.Sum(r => Tasks - r.ended)}, " +
            $"started counted {string.Join("/", results.Select(r => r.started).Distinct())}, gaps {results.Sum(r => r.gaps)}"));
        Print(string.Create(CultureInfo.InvariantCulture,
            $"  per watcher: {results.Average(r => r.events):N0} events, {results.Average(r => r.bytes) / 1024:N0} KiB packed"));
        Print(string.Create(CultureInfo.InvariantCulture,
            $"  process working set (server and clients): before {before / 1048576.0:0} MB, at the end {atEnd / 1048576.0:0} MB, 10 s after (GC) {after / 1048576.0:0} MB"));
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
