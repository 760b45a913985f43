using System.Net;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// GET /api/runs/{id}/tasks on a real finished run: windows by index and by start time return
/// exactly their tasks; every bad window is a 400 naming its field; an unknown run a 404; no
/// sign-in a 401.
/// </summary>
public sealed class TaskWindowApiTests : IAsyncLifetime
{
    private const int Tasks = 300;
    private readonly DashboardFactory _factory = new(new Dictionary<string, string?> { ["Runs:AggregateAbove"] = "100" });
    private HttpClient _client = null!;
    private long _runId;

    public async Task InitializeAsync()
    {
        _client = Create(_factory);
        _runId = await StartRunAsync(_client, """{"workload":"hello","tasks":300,"strategies":["async"],"options":{"delayMs":20}}""");
        await WaitForStateAsync(_client, _runId, "completed");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task GetTasks_ByIndex_ReturnsExactlyThoseTasksInStartOrder()
    {
        using var response = await _client.GetAsync(new Uri($"/api/runs/{_runId}/tasks?strategy=async&first=100&last=149", UriKind.Relative));
        var json = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(50, json.GetProperty("count").GetInt32());
        Assert.Equal(Tasks, json.GetProperty("taskCount").GetInt32());
        Assert.False(json.GetProperty("sampled").GetBoolean());
        var spans = json.GetProperty("spans").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(100, 50), spans.Select(s => s.GetProperty("task").GetInt32()).Order());
        var starts = spans.Select(s => s.GetProperty("start").GetDouble()).ToArray();
        Assert.Equal(starts.Order(), starts);
    }

    [Fact]
    public async Task GetTasks_ByTime_ReturnsTheTasksThatStartedInIt()
    {
        using var all = await _client.GetAsync(new Uri($"/api/runs/{_runId}/tasks?strategy=async&from=0&to=3600", UriKind.Relative));
        var json = await ReadJsonAsync(all);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(Tasks, json.GetProperty("count").GetInt32());

        // The later half of the start times: the window holds those tasks and no other.
        var starts = json.GetProperty("spans").EnumerateArray().Select(s => s.GetProperty("start").GetDouble()).Order().ToArray();
        var from = starts[Tasks / 2];
        using var half = await _client.GetAsync(new Uri(FormattableString.Invariant($"/api/runs/{_runId}/tasks?strategy=async&from={from:R}&to=3600"), UriKind.Relative));
        var halfJson = await ReadJsonAsync(half);
        Assert.Equal(starts.Count(s => s >= from), halfJson.GetProperty("count").GetInt32());
        Assert.All(halfJson.GetProperty("spans").EnumerateArray(), s => Assert.True(s.GetProperty("start").GetDouble() >= from));
    }

    [Theory]
    [InlineData("strategy=async", "window")]
    [InlineData("strategy=async&first=0&last=10&from=0&to=1", "window")]
    [InlineData("strategy=async&first=10&last=5", "last")]
    [InlineData("strategy=async&first=0&last=10000", "last")]
    [InlineData("strategy=async&first=0", "first")]
    [InlineData("strategy=async&from=2&to=1", "to")]
    [InlineData("strategy=async&from=-1&to=1", "to")]
    [InlineData("first=0&last=10", "strategy")]
    [InlineData("strategy=threads&first=0&last=10", "strategy")]
    [InlineData("strategy=async&repetition=3&first=0&last=10", "repetition")]
    public async Task GetTasks_BadWindow_Returns400NamingTheField(string query, string field)
    {
        using var response = await _client.GetAsync(new Uri($"/api/runs/{_runId}/tasks?{query}", UriKind.Relative));

        Assert.Equal([field], await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task GetTasks_UnknownRun_Returns404()
    {
        using var response = await _client.GetAsync(new Uri("/api/runs/999999/tasks?strategy=async&first=0&last=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetTasks_WithoutSignIn_Returns401()
    {
        using var anonymous = new HttpClient { BaseAddress = _factory.BaseAddress };
        using var response = await anonymous.GetAsync(new Uri($"/api/runs/{_runId}/tasks?strategy=async&first=0&last=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
