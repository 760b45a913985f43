using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Api;

/// <summary>The scaling sweep through the REST API: its limits, a real small sweep, its export and import.</summary>
public sealed class SweepApiTests : SignedInApiTest
{
    [Theory]
    [InlineData("""{"workload":"hello","strategies":["threadpool"],"sweep":[2]}""", "2 to 8 sizes")]
    [InlineData("""{"workload":"hello","strategies":["threadpool"],"sweep":[1,2,3,4,5,6,7,8,9]}""", "2 to 8 sizes (got 9)")]
    [InlineData("""{"workload":"hello","strategies":["threadpool"],"sweep":[1,2,2]}""", "once")]
    [InlineData("""{"workload":"hello","strategies":["threadpool"],"sweep":[0,2]}""", "start at 1")]
    [InlineData("""{"workload":"hello","strategies":["processes"],"sweep":[1,65]}""", "above the processes limit of 64 processes")]
    [InlineData("""{"workload":"hello","strategies":["threadpool"],"sweep":[1,1025]}""", "above the threadpool limit of 1,024 workers")]
    [InlineData("""{"workload":"hello","strategies":["sequential","threads"],"sweep":[1,2]}""", "tick at least one")]
    [InlineData("""{"workload":"hello","strategies":["threadpool"],"runtime":"python","sweep":[1,2]}""", ".NET strategies only")]
    [InlineData("""{"workload":"hello","strategies":["threadpool"],"sweep":"1,2"}""", "array of sizes")]
    [InlineData("""{"workload":"hello","strategies":["threadpool"],"sweep":[1,"two"]}""", "whole numbers")]
    [InlineData("""{"workload":"hello","strategies":["threadpool"],"sweep":[1,2.5]}""", "whole numbers")]
    public async Task PostRun_BadSweep_Returns400NamingSweep(string body, string expected)
    {
        using var response = await Client.PostAsync("/api/runs", Json(body));

        var problem = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = problem.GetProperty("errors").GetProperty("sweep").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostRun_SweepOverBudget_CountsEverySize()
    {
        // 600 waits of 1 s: 600 s on one pool thread, within the 900 s budget alone, not with 7 more sizes (1,631 s).
        using var response = await Client.PostAsync("/api/runs", Json(
            """{"workload":"hello","tasks":600,"strategies":["threadpool"],"sweep":[1,2,3,4,5,6,7,8],"options":{"delayMs":1000}}"""));

        var problem = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("(8 strategy runs x 1 repetition)", problem.GetProperty("errors").GetProperty("budget")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_HelloSweep_OneResultPerStrategyAndSizeWithScalingThatExportsAndImports()
    {
        var id = await StartRunAsync(Client,
            """{"workload":"hello","tasks":4,"strategies":["sequential","threadpool","processes"],"sweep":[2,1],"options":{"delayMs":40}}""");

        var run = await WaitForStateAsync(Client, id, "completed", "failed", "cancelled");

        Assert.Equal("completed", run.GetProperty("state").GetString());
        Assert.Equal([1, 2], run.GetProperty("sweep").EnumerateArray().Select(s => s.GetInt32()).Order());
        string[] keys = ["sequential", "threadpool@1", "threadpool@2", "processes@1", "processes@2"];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(keys, results.Select(r => r.GetProperty("strategy").GetString()));
        Assert.All(results, r => Assert.Equal(4, r.GetProperty("tasksOk").GetInt32()));
        var scaling = run.GetProperty("scaling").EnumerateArray().ToList();
        Assert.Equal(["threadpool", "processes"], scaling.Select(c => c.GetProperty("strategy").GetString()));
        Assert.All(scaling, c =>
        {
            Assert.Equal("size 1", c.GetProperty("baseline").GetString());
            Assert.Equal([1, 2], c.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("size").GetInt32()));
            var fraction = c.GetProperty("fit").GetProperty("serialFraction").GetDouble();
            Assert.InRange(fraction, 0, 1);
        });

        // Export, then import: the points come back as the same strategies.
        var exported = await Client.GetStringAsync($"/api/runs/{id}/export/json");
        using var imported = await Client.PostAsync("/api/runs/import", Json(exported));
        Assert.True(imported.StatusCode == HttpStatusCode.Created,
            $"import answered {(int)imported.StatusCode}: {await imported.Content.ReadAsStringAsync()}");
        var newId = (await ReadJsonAsync(imported)).GetProperty("id").GetInt64();
        var back = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{newId}");
        Assert.Equal(keys, back.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("strategy").GetString()));
        Assert.Equal(run.GetProperty("scaling").GetRawText(), back.GetProperty("scaling").GetRawText());

        // The same document with another sweep: its size-2 points are not the plan's strategies.
        var document = JsonNode.Parse(exported)!;
        document["run"]!["plan"]!["sweep"] = new JsonArray(1, 3);
        using var refused = await Client.PostAsync("/api/runs/import", Json(document.ToJsonString()));
        var problem = await ReadJsonAsync(refused);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'threadpool@2' is not one of the plan's strategies", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
