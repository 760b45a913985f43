using System.Net;
using Dashboard.Web.Tests.Api;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Runtimes;

/// <summary>The runtime option of POST /api/runs: the Python twins beside .NET, real python3 processes.</summary>
public sealed class RuntimeApiTests : SignedInApiTest
{
    [Fact]
    public async Task PostRun_BothPower_RunsEachTwinBesideItsStrategyWithEqualOutputs()
    {
        var id = await StartRunAsync(Client,
            """{"workload":"power","tasks":3,"strategies":["sequential","threads","parallel"],"runtime":"both","options":{"start":3000}}""");

        var run = await WaitForStateAsync(Client, id, "completed", "failed", "cancelled");

        Assert.Equal("completed", run.GetProperty("state").GetString());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["sequential", "python-sequential", "threads", "python-threads", "parallel"],
            results.Select(r => r.GetProperty("strategy").GetString()));
        Assert.All(results, r => Assert.Equal(3, r.GetProperty("tasksOk").GetInt32()));
        Assert.All(results, r => Assert.Equal("ok", r.GetProperty("outputCheck").GetString()));
    }

    [Theory]
    [InlineData("""{"workload":"hello","tasks":2,"runtime":"ruby"}""", "runtime must be one of dotnet, python, both")]
    [InlineData("""{"workload":"hello","tasks":2,"runtime":"python","strategies":["parallel"]}""", "parallel has no Python twin")]
    public async Task PostRun_BadRuntime_Returns400Naming(string body, string expected)
    {
        using var response = await Client.PostAsync("/api/runs", Json(body));

        var problem = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject().SelectMany(p => p.Value.EnumerateArray()),
            e => e.GetString()!.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostRun_PythonMissing_Returns400NamingIt()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?> { ["Lab:PythonPath"] = "/nonexistent/python3" });
        using var client = Create(factory);

        using var response = await client.PostAsync("/api/runs", Json("""{"workload":"hello","tasks":2,"runtime":"python"}"""));

        var problem = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = problem.GetProperty("errors").GetProperty("runtime")[0].GetString()!;
        Assert.Contains("Python 3 is not installed (/nonexistent/python3 could not be started)", message, StringComparison.Ordinal);

        // .NET alone still runs.
        await StartRunAsync(client, """{"workload":"hello","tasks":2,"strategies":["sequential"],"options":{"delayMs":1}}""");
    }
}
