using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Api;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>GET /api/runs/{id} of finished stored runs comes from a bounded cache that store writes invalidate.</summary>
public sealed class RunDetailsCacheTests : IAsyncLifetime
{
    private DashboardFactory _factory = null!;
    private HttpClient _client = null!;

    private RunDetailsCache Cache => _factory.Services.GetRequiredService<RunDetailsCache>();

    private IRunStore Store => _factory.Services.GetRequiredService<IRunStore>();

    public Task InitializeAsync()
    {
        _factory = new DashboardFactory();
        _client = ApiClient.Create(_factory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task GetRun_FinishedStoredRun_ComputedOnceThenLabelChangeAndDeleteSeenAtOnce()
    {
        await Store.SaveAsync(TestRuns.Finished(1_001, label: "first"), null, false, TestContext.Timeout);

        var a = await _client.GetFromJsonAsync<JsonElement>(RunsApi.RunPath(1_001), TestContext.Timeout);
        var b = await _client.GetFromJsonAsync<JsonElement>(RunsApi.RunPath(1_001), TestContext.Timeout);
        Assert.Equal(1, Cache.Count);
        Assert.Equal("first", a.GetProperty("label").GetString());
        Assert.Equal(a.GetRawText(), b.GetRawText());

        var history = _factory.Services.GetRequiredService<RunHistory>();
        Assert.Equal(LabelOutcome.Saved, await history.SetLabelAsync(1_001, "second", TestContext.Timeout));
        Assert.Equal(0, Cache.Count);
        Assert.Equal("second", (await _client.GetFromJsonAsync<JsonElement>(RunsApi.RunPath(1_001), TestContext.Timeout)).GetProperty("label").GetString());

        using var deleted = await _client.DeleteAsync(new Uri(RunsApi.RunPath(1_001), UriKind.Relative), TestContext.Timeout);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await _client.GetAsync(new Uri(RunsApi.RunPath(1_001), UriKind.Relative), TestContext.Timeout);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task GetRun_MoreFinishedRunsThanCapacity_CacheStaysAtCapacity()
    {
        for (var id = 2_001; id <= 2_000 + RunDetailsCache.Capacity + 6; id++)
        {
            await Store.SaveAsync(TestRuns.Finished(id, TestRuns.HelloPlan(tasks: 2, repeat: 1)), null, false, TestContext.Timeout);
        }

        for (var id = 2_001; id <= 2_000 + RunDetailsCache.Capacity + 6; id++)
        {
            using var response = await _client.GetAsync(new Uri(RunsApi.RunPath(id), UriKind.Relative), TestContext.Timeout);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(RunDetailsCache.Capacity, Cache.Count);
    }

    [Fact]
    public async Task GetRun_UnknownRun_NotFoundAndNothingCached()
    {
        using var response = await _client.GetAsync(new Uri(RunsApi.RunPath(987_654), UriKind.Relative), TestContext.Timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, Cache.Count);
    }
}
