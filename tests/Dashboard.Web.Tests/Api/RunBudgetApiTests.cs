using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Web.Exports;
using Dashboard.Web.Tests.Exports;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Api;

/// <summary>The budget and the import checks seen from the REST API.</summary>
public sealed class RunBudgetApiTests : SignedInApiTest
{
    [Fact]
    public async Task PostRun_OverBudgetHello_Returns400NamingEstimateAndLimit()
    {
        using var response = await Client.PostAsync("/api/runs", Json(
            """{"workload":"hello","tasks":10000,"strategies":["sequential","threads","threadpool","async","parallel","processes","async-processes"],"repeat":50,"warmup":10,"options":{"delayMs":60000}}"""));

        var problem = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = problem.GetProperty("errors").GetProperty("budget")[0].GetString()!;
        Assert.Contains("(7 strategy runs x 60 repetitions)", message, StringComparison.Ordinal);
        Assert.Contains("sequential alone takes about 36,000,060 s (10,000 tasks one after another)", message, StringComparison.Ordinal);
        Assert.Contains("the limit is 900 s (Runs:MaxRunSeconds)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_PowerFromFiveMillionWith256ManagedTasks_Returns400Budget()
    {
        using var response = await Client.PostAsync("/api/runs", Json(
            """{"workload":"power","tasks":256,"options":{"start":5000000,"engine":"managed"}}"""));

        var problem = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the limit is 900 s", problem.GetProperty("errors").GetProperty("budget")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_HelloPastTheAppsTaskLimit_Returns400NamingTheSettingAndTheBench()
    {
        // The operator lowered the limit: a run past it is refused with the setting's name.
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { ["Runs:MaxTasksPerRun"] = "100000" });
        using var client = ApiClient.Create(factory);
        using var response = await client.PostAsync("/api/runs", Json(
            """{"workload":"hello","tasks":100001,"strategies":["async"],"options":{"delayMs":10}}"""));

        var problem = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = problem.GetProperty("errors").GetProperty("tasks")[0].GetString()!;
        Assert.StartsWith("This dashboard runs at most 100,000 tasks (Runs:MaxTasksPerRun, set by its operator; up to 1,000,000)", message, StringComparison.Ordinal);
        Assert.Contains("bench --workload hello --tasks 1000000", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_HelloThreadsPastTenThousand_Returns400WithTheThreadsReason()
    {
        using var response = await Client.PostAsync("/api/runs", Json(
            """{"workload":"hello","tasks":10001,"strategies":["threads","async"],"options":{"delayMs":10}}"""));

        var problem = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("threads runs at most 10,000 tasks: each task is an OS thread of its own",
            problem.GetProperty("errors").GetProperty("tasks")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_WithinBudget_Returns202()
    {
        await StartRunAsync(Client, """{"workload":"hello","tasks":2,"strategies":["sequential"],"options":{"delayMs":10}}""");
    }

    [Fact]
    public async Task PostRun_LongBadValues_EchoesAShortPrefixOnly()
    {
        // Under the 64 KB request limit, still far longer than any message should be.
        var junk = new string('x', 25_000);
        using var response = await Client.PostAsync("/api/runs", Json(
            $$"""{"workload":"{{junk}}","label":"ok","{{junk}}":1}"""));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Length < 2_000, $"{text.Length} characters");
        Assert.Contains("Unknown workload 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NegativeTasksOk_Returns400NamingTheField()
    {
        var json = JsonNode.Parse(RunJson.Serialize(RunDocument.Create(ExportTestRuns.Mixed(), null, ExportTestRuns.Created)))!;
        json["run"]!["results"]![0]!["tasksOk"] = -100;

        using var response = await Client.PostAsync("/api/runs/import", Json(json.ToJsonString()));

        var problem = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("run.results[0].tasksOk", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
