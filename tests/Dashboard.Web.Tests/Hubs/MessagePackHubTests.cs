using Dashboard.Engine.Running;
using Dashboard.Web.Hubs;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Hubs;

/// <summary>The hub over MessagePack, with the real .NET SignalR client over loopback, beside a JSON client.</summary>
public sealed class MessagePackHubTests : IAsyncLifetime
{
    private DashboardFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new DashboardFactory();
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Watch_MessagePackClient_EveryEventInOrderSameAsJsonClient()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        await using var packed = await ConnectPackedAsync(ct);
        await using var json = await RunHubClient.ConnectAsync(_factory, ct);
        var queue = _factory.Services.GetRequiredService<RunQueue>();

        // 2,000 tasks of async hello: thousands of events in a few batches.
        var summary = queue.Enqueue(HelloPlan(tasks: 2_000, delayMs: 200, "async"));
        var jsonMessages = Task.Run(async () =>
        {
            var messages = new List<RunFeedMessage>();
            await foreach (var m in json.StreamAsync<RunFeedMessage>("Watch", summary.Id, ct))
            {
                messages.Add(m);
            }

            return messages;
        }, ct);
        var packedMessages = new List<RunFeedMessage>();
        await foreach (var message in packed.StreamAsync<WireMessage>("Watch", summary.Id, ct))
        {
            packedMessages.Add(message.Unpack());
        }

        var events = Flatten(packedMessages);
        AssertSeqIsGapless(events);
        Assert.Equal(queue.Get(summary.Id)!.LastSeq, events[^1].Seq);
        Assert.Equal(2_000, events.Count(e => e.Kind == "completed"));
        Assert.IsType<RunFeedSnapshot>(packedMessages[0]);
        var last = Assert.IsType<RunFeedBatch>(packedMessages[^1]);
        Assert.Equal(RunState.Completed, last.Run!.State);
        Assert.Equal(2_000, last.Run.Results[0].TasksOk);
        Assert.Equal(
            Flatten(await jsonMessages).Select(e => (e.Seq, e.Type, e.Task, e.Kind, e.Time, e.WallMs, e.Lane, e.Detail)),
            events.Select(e => (e.Seq, e.Type, e.Task, e.Kind, e.Time, e.WallMs, e.Lane, e.Detail)));
    }

    [Fact]
    public async Task GetRun_MessagePackClient_ReturnsTheFinishedRunWithItsResults()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        await using var packed = await ConnectPackedAsync(ct);
        var queue = _factory.Services.GetRequiredService<RunQueue>();

        var summary = queue.Enqueue(HelloPlan(tasks: 20, delayMs: 10, "async", "threads"));
        await foreach (var _ in packed.StreamAsync<WireMessage>("Watch", summary.Id, ct))
        {
        }

        var run = (await packed.InvokeAsync<WireRun?>("GetRun", summary.Id, ct))?.Run;
        Assert.NotNull(run);
        Assert.Equal(summary.Id, run.Id);
        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal(["async", "threads"], run.Results.Select(r => r.Strategy));
        Assert.All(run.Results, r => Assert.Equal(20, r.TasksOk));
        Assert.Null(await packed.InvokeAsync<WireRun?>("GetRun", summary.Id + 1_000, ct));
    }

    /// <summary>A .NET SignalR client on the MessagePack protocol, signed in as the owner.</summary>
    private async Task<HubConnection> ConnectPackedAsync(CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_factory.BaseAddress, "hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(_factory.Token))
            .AddMessagePackProtocol()
            .Build();
        try
        {
            await connection.StartAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
