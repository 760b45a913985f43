using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Api;

/// <summary>API behaviour that needs its own app: a tiny queue, and app restarts on one data folder.</summary>
public sealed class RunsApiLifecycleTests : IDisposable
{
    private const string LongRun = """{"workload":"hello","tasks":2,"strategies":["sequential"],"options":{"delayMs":60000}}""";

    private readonly Storage.TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PostRun_QueueFull_Returns429Problem()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { ["Runs:QueueCapacity"] = "1" });
        using var client = Create(factory);
        var running = await StartRunAsync(client, LongRun);
        await WaitForStateAsync(client, running, "running");
        var queued = await StartRunAsync(client, LongRun);

        using var refused = await client.PostAsync("/api/runs", Json(LongRun));

        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("queue is full", (await ReadJsonAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var queuedRun = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{queued}");
        Assert.Equal("queued", queuedRun.GetProperty("state").GetString());
        Assert.Equal(1, queuedRun.GetProperty("queuePosition").GetInt32());

        // Cancelling the queued run frees the slot.
        using var cancel = await client.PostAsync($"/api/runs/{queued}/cancel", null);
        Assert.Equal("cancelled", (await ReadJsonAsync(cancel)).GetProperty("state").GetString());
        var again = await StartRunAsync(client, LongRun);
        Assert.True(again > queued);
        await client.PostAsync($"/api/runs/{again}/cancel", null);
        await client.PostAsync($"/api/runs/{running}/cancel", null);
        await WaitForStateAsync(client, running, "cancelled");
    }

    [Fact]
    public async Task Restart_SameDataFolder_KeepsFinishedRunsMarksUnfinishedInterruptedAndContinuesIds()
    {
        var settings = new Dictionary<string, string?> { [DataFolder.ConfigurationKey] = _folder.Path };
        long finished, running, queued, cancelledWhileQueued;
        await using (var first = new DashboardFactory(settings))
        {
            using var client = Create(first);
            finished = await StartRunAsync(client, """{"workload":"hello","tasks":5,"strategies":["sequential","async"],"options":{"delayMs":5}}""");
            await WaitForStateAsync(client, finished, "completed");
            running = await StartRunAsync(client, LongRun);
            await WaitForStateAsync(client, running, "running");
            queued = await StartRunAsync(client, LongRun);
            cancelledWhileQueued = await StartRunAsync(client, LongRun);
            await client.PostAsync($"/api/runs/{cancelledWhileQueued}/cancel", null);
            // The queued runs' records are written in the background; wait until the store lists them.
            await WaitUntilStoredAsync(first, queued, RunState.Queued);
            await WaitUntilStoredAsync(first, cancelledWhileQueued, RunState.Cancelled);
        }

        await using var second = new DashboardFactory(settings);
        using var again = Create(second);

        var kept = await again.GetFromJsonAsync<JsonElement>($"/api/runs/{finished}");
        Assert.Equal("completed", kept.GetProperty("state").GetString());
        Assert.Equal(2, kept.GetProperty("statistics").GetArrayLength());
        Assert.Equal(10, kept.GetProperty("totalEvents").GetInt32());
        Assert.Equal("interrupted", (await again.GetFromJsonAsync<JsonElement>($"/api/runs/{running}")).GetProperty("state").GetString());
        Assert.Equal("interrupted", (await again.GetFromJsonAsync<JsonElement>($"/api/runs/{queued}")).GetProperty("state").GetString());
        Assert.Equal("cancelled", (await again.GetFromJsonAsync<JsonElement>($"/api/runs/{cancelledWhileQueued}")).GetProperty("state").GetString());
        var list = await again.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.Equal(
            new[] { cancelledWhileQueued, queued, running, finished },
            list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        var next = await StartRunAsync(again, """{"workload":"hello","tasks":1,"strategies":["sequential"],"options":{"delayMs":0}}""");
        Assert.True(next > cancelledWhileQueued, $"new id {next} must follow the stored ids");
        await WaitForStateAsync(again, next, "completed");
    }

    private static async Task WaitUntilStoredAsync(DashboardFactory factory, long id, RunState state)
    {
        var store = factory.Services.GetService(typeof(Dashboard.Web.Storage.IRunStore)) as Dashboard.Web.Storage.IRunStore;
        using var timeout = new CancellationTokenSource(Patience);
        while ((await store!.GetAsync(id, timeout.Token))?.Run.State != state)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
