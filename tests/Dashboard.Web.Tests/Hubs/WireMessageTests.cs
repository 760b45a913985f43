using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Web.Hubs;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Hubs;

/// <summary>Feed messages serialised once for every connection, and old runs' spans read back from the store.</summary>
public sealed class WireMessageTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Options = WireJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private DashboardFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new DashboardFactory();
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public void For_SameMessageTwice_SerialisesOnceToTheTrimmedMessagesJson()
    {
        var spans = new[] { new TaskSpan(0, new Lane(1, 2), 0, 0.5, Engine.Running.TaskStatus.Ok) };
        var result = new StrategyResult("async", 0, 0.5, 0.1, 1, 1, 0, "ok", 0, spans);
        var run = new RunSummary(3, null, HelloPlan(tasks: 1), RunState.Running, null, DateTimeOffset.UnixEpoch, null, null, null, [result]);
        RunFeedMessage message = new RunFeedBatch(3, [new WireEvent(7, "strategy-completed", "async", 0, -1, null, 0.5, 1, null, null, Result: result)], run);

        var first = WireMessage.For(message, Options);
        var second = WireMessage.For(message, Options);

        Assert.Same(first, second);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(WireTrim.ForWire(message), Options), first.Utf8Json.ToArray());
        using var json = JsonDocument.Parse(first.Utf8Json);
        Assert.Equal("batch", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("events")[0].GetProperty("result").GetProperty("spans").GetArrayLength());
        // Inside a larger document (as SignalR writes a stream item) the bytes go in as they are.
        Assert.Equal(JsonSerializer.Serialize(new { item = WireTrim.ForWire(message) }, Options), JsonSerializer.Serialize(new { item = first }, Options));
    }

    [Fact]
    public async Task Watch_RunWhoseTimelineWasReleased_SpansComeBackFromTheStore()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var queue = _factory.Services.GetRequiredService<RunQueue>();
        var summary = queue.Enqueue(HelloPlan(tasks: 12, delayMs: 1, "sequential", "async"));
        await WaitForStateAsync(queue, summary.Id, ct, RunState.Completed);
        var live = queue.Get(summary.Id)!;
        live.ReleaseEvents();
        Assert.True(live.TimelineReleased);
        Assert.All(live.Summary.Results, r => Assert.Empty(r.Spans));

        await using var connection = await RunHubClient.ConnectAsync(_factory, ct);
        var items = new List<JsonElement>();
        await foreach (var item in connection.StreamAsync<JsonElement>("Watch", summary.Id, ct))
        {
            items.Add(item);
        }

        Assert.Equal(2, items.Count);
        Assert.Equal(0, items[0].GetProperty("events").GetArrayLength());
        Assert.All(items[0].GetProperty("run").GetProperty("results").EnumerateArray(), r => Assert.Equal(12, r.GetProperty("spans").GetArrayLength()));
        // The closing batch says the run's state; its spans came once, in the snapshot.
        Assert.All(items[1].GetProperty("run").GetProperty("results").EnumerateArray(), r => Assert.Equal(0, r.GetProperty("spans").GetArrayLength()));
        Assert.Equal("completed", items[1].GetProperty("run").GetProperty("state").GetString());
    }
}
