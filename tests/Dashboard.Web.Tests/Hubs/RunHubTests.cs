using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Hubs;

/// <summary>The hub over real Kestrel with the .NET SignalR client and the real engine.</summary>
public sealed class RunHubTests : IAsyncLifetime
{
    private DashboardFactory _factory = null!;

    private IRunQueue Queue => _factory.Services.GetRequiredService<IRunQueue>();

    public Task InitializeAsync()
    {
        _factory = new DashboardFactory(new Dictionary<string, string?> { ["Simulation:GenreLatencyMs"] = "20" });
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Watch_LateJoinerOnSecondConnection_SnapshotPlusBatchesEqualEarlyWatchersEvents()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        await using var early = await RunHubClient.ConnectAsync(_factory, ct);
        await using var late = await RunHubClient.ConnectAsync(_factory, ct);

        // Sequential hello: 30 tasks x 200 ms keep the run going for about 6 s, so the late watcher
        // joins before the end even when a loaded machine is slow to answer its call.
        var summary = Queue.Enqueue(HelloPlan(tasks: 30, delayMs: 200, "sequential", "async"));
        var earlyMessages = new List<RunFeedMessage>();
        var lateMessages = new List<RunFeedMessage>();
        var lateTask = Task.CompletedTask;
        await foreach (var message in early.StreamAsync<RunFeedMessage>("Watch", summary.Id, ct))
        {
            earlyMessages.Add(message);

            // Join once some tasks have completed, while the run is still going.
            if (lateTask.IsCompleted && lateMessages.Count == 0 && Flatten(earlyMessages).Count(e => e.Kind == "completed") >= 5
                && message is RunFeedBatch { Run: null or { IsFinished: false } })
            {
                lateTask = Task.Run(async () =>
                {
                    await foreach (var m in late.StreamAsync<RunFeedMessage>("Watch", summary.Id, ct))
                    {
                        lateMessages.Add(m);
                    }
                }, ct);
            }
        }

        await lateTask;
        var full = Flatten(earlyMessages);
        AssertSeqIsGapless(full);
        // Counter samples ride the same feed; their number depends on how long the run took.
        Assert.Equal(2 + (2 * 30 * 2) + 2, full.Count(e => e.Type != "counters"));
        Assert.NotEmpty(lateMessages);
        var lateSnapshot = Assert.IsType<RunFeedSnapshot>(lateMessages[0]);
        Assert.InRange(lateSnapshot.Events.Count, 5, full.Count - 1);
        Assert.Equal(full.Select(e => (e.Seq, e.Type, e.Strategy, e.Task, e.Kind, e.Lane)),
            Flatten(lateMessages).Select(e => (e.Seq, e.Type, e.Strategy, e.Task, e.Kind, e.Lane)));
        Assert.Equal(RunState.Completed, Assert.IsType<RunFeedBatch>(lateMessages[^1]).Run!.State);
        Assert.Equal(RunState.Completed, Assert.IsType<RunFeedBatch>(earlyMessages[^1]).Run!.State);
        Assert.Equal(30, Assert.IsType<Dashboard.Engine.Workloads.HelloParameters>(lateSnapshot.Run.Plan.Parameters).Tasks);
    }

    [Fact]
    public async Task Watch_Json_CarriesTypeDiscriminatorAndCamelCase()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        await using var connection = await RunHubClient.ConnectAsync(_factory, ct);
        var summary = Queue.Enqueue(HelloPlan(tasks: 3, delayMs: 5, "sequential", "async"));

        var items = new List<JsonElement>();
        await foreach (var item in connection.StreamAsync<JsonElement>("Watch", summary.Id, ct))
        {
            items.Add(item);
        }

        Assert.Equal("snapshot", items[0].GetProperty("type").GetString());
        Assert.All(items.Skip(1), i => Assert.Equal("batch", i.GetProperty("type").GetString()));
        var last = items[^1].GetProperty("run");
        Assert.Equal("completed", last.GetProperty("state").GetString());
        Assert.Equal("hello", last.GetProperty("plan").GetProperty("parameters").GetProperty("workload").GetString());
        var task = items.SelectMany(i => i.GetProperty("events").EnumerateArray()).First(e => e.GetProperty("type").GetString() == "task");
        foreach (var name in new[] { "seq", "strategy", "repetition", "task", "kind", "time", "wallMs", "lane" })
        {
            Assert.True(task.TryGetProperty(name, out _), $"a task event lacks '{name}'");
        }

        // Spans never travel in the stream while its events do: the task events carry the same facts.
        var completedEvents = items.SelectMany(i => i.GetProperty("events").EnumerateArray())
            .Where(e => e.GetProperty("type").GetString() == "strategy-completed").ToList();
        Assert.Equal(2, completedEvents.Count);
        Assert.All(completedEvents, e => Assert.Equal(0, e.GetProperty("result").GetProperty("spans").GetArrayLength()));
        Assert.All(last.GetProperty("results").EnumerateArray(), r => Assert.Equal(0, r.GetProperty("spans").GetArrayLength()));

        // A client that wants the spans whole asks for the finished run.
        var finished = await connection.InvokeAsync<JsonElement>("GetRun", summary.Id, ct);
        Assert.All(finished.GetProperty("results").EnumerateArray(), r => Assert.Equal(3, r.GetProperty("spans").GetArrayLength()));
        Assert.Matches("^[0-9]+:[0-9]+$", finished.GetProperty("results")[0].GetProperty("spans")[0].GetProperty("lane").GetString());
        var runningSummaries = items.Take(items.Count - 1)
            .Where(i => i.TryGetProperty("run", out var run) && run.ValueKind == JsonValueKind.Object)
            .Select(i => i.GetProperty("run"))
            .Where(r => r.GetProperty("state").GetString() == "running");
        Assert.All(runningSummaries, r => Assert.All(r.GetProperty("results").EnumerateArray(), x => Assert.Equal(0, x.GetProperty("spans").GetArrayLength())));
    }

    [Fact]
    public async Task Watch_UnknownRun_HubExceptionNamesTheRun()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        await using var connection = await RunHubClient.ConnectAsync(_factory, ct);

        var ex = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var unused in connection.StreamAsync<RunFeedMessage>("Watch", 424_242L, ct))
            {
            }
        });

        Assert.Contains("Run 424242 does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Equal(7L, await connection.InvokeAsync<long>("Ping", 7L, ct));
    }

    [Fact]
    public async Task Cancel_ThroughHub_RunEndsCancelled()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        await using var connection = await RunHubClient.ConnectAsync(_factory, ct);
        var summary = Queue.Enqueue(HelloPlan(tasks: 10, delayMs: 10_000, "threads"));
        var cancelled = false;
        RunSummary? last = null;
        await foreach (var message in connection.StreamAsync<RunFeedMessage>("Watch", summary.Id, ct))
        {
            if (!cancelled && Flatten([message]).Any(e => e.Kind == "started"))
            {
                cancelled = await connection.InvokeAsync<bool>("Cancel", summary.Id, ct);
            }

            last = (message as RunFeedBatch)?.Run ?? last;
        }

        Assert.True(cancelled);
        Assert.Equal(RunState.Cancelled, last!.State);
        Assert.Equal(RunState.Cancelled, (await connection.InvokeAsync<RunSummary?>("GetRun", summary.Id, ct))!.State);
        Assert.False(await connection.InvokeAsync<bool>("Cancel", summary.Id, ct));
    }
}
