using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Exports;
using Dashboard.Web.Tests.Storage;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Api;

/// <summary>The REST API against the real app: real engine, real queue, real SQLite file.</summary>
public sealed class RunsApiTests : SignedInApiTest
{
    private const string HelloRun =
        """{"workload":"hello","tasks":20,"strategies":["sequential","async"],"repeat":3,"warmup":1,"options":{"delayMs":10},"label":"api test"}""";

    [Fact]
    public async Task PostRun_ValidHelloRun_Returns202ThenCompletesWithStatistics()
    {
        var id = await StartRunAsync(Client, HelloRun);

        var run = await WaitForStateAsync(Client, id, "completed", "failed", "cancelled");

        Assert.Equal("completed", run.GetProperty("state").GetString());
        Assert.Equal("api test", run.GetProperty("label").GetString());
        Assert.Equal("hello", run.GetProperty("workload").GetString());
        Assert.Equal(10, run.GetProperty("parameters").GetProperty("delayMs").GetInt32());
        Assert.Equal(20, run.GetProperty("parameters").GetProperty("tasks").GetInt32());
        // 1 warmup + 3 measured repetitions of 2 strategies, interleaved.
        var results = run.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(8, results.Length);
        Assert.All(results, r => Assert.Equal(20, r.GetProperty("tasksOk").GetInt32()));
        var statistics = run.GetProperty("statistics").EnumerateArray().ToArray();
        Assert.Equal(["sequential", "async"], statistics.Select(s => s.GetProperty("strategy").GetString()));
        Assert.All(statistics, s => Assert.Equal(3, s.GetProperty("wall").GetProperty("count").GetInt32()));
        var sequentialMedian = statistics[0].GetProperty("wall").GetProperty("median").GetDouble();
        Assert.True(sequentialMedian >= 0.2, $"sequential median {sequentialMedian}");

        // 20 waits of 10 ms one after another vs all at once: told by the stored spans, since a
        // busy machine can make the async waits slower than the sequential ones.
        var stored = RunJson.Deserialize(await Client.GetStringAsync($"/api/runs/{id}/export/json")).Run.Results;
        Assert.All(stored.Where(r => r.Strategy == "sequential"), r => Assert.Equal(1, r.MaxInFlight()));
        Assert.All(stored.Where(r => r.Strategy == "async"), r => Assert.True(r.MaxInFlight() >= 2, $"async repetition {r.Repetition}: {r.MaxInFlight()} in flight"));
        Assert.Equal(160, run.GetProperty("totalEvents").GetInt32());
        Assert.False(run.GetProperty("eventsSampled").GetBoolean());
        Assert.Equal(Environment.ProcessorCount, run.GetProperty("environment").GetProperty("coreCount").GetInt32());
    }

    [Fact]
    public async Task PostRun_PowerRun_KeepsTheMachinesCpuCalibrationWithTheEnvironmentAndCachesIt()
    {
        var first = await StartRunAsync(Client, """{"workload":"power","tasks":1,"strategies":["sequential"],"options":{"engine":"gmp"}}""");
        var run = await WaitLongAsync(first);

        Assert.Equal("completed", run.GetProperty("state").GetString());
        var calibration = run.GetProperty("environment").GetProperty("calibration");
        Assert.Equal("gmp", calibration.GetProperty("engine").GetString());
        Assert.Equal(Environment.ProcessorCount, calibration.GetProperty("processes").GetInt32());
        Assert.True(calibration.GetProperty("oneProcessSeconds").GetDouble() > 0);
        var cached = Assert.Single(Directory.GetFiles(Path.Combine(Factory.DataDirectory, "calibration"), "gmp-*.json"));

        // The second power run takes the cached figure: the same measurement, not a new one.
        var second = await StartRunAsync(Client, """{"workload":"power","tasks":1,"strategies":["sequential"],"options":{"engine":"gmp"}}""");
        var again = await WaitLongAsync(second);
        Assert.Equal(calibration.GetProperty("measuredAt").GetString(),
            again.GetProperty("environment").GetProperty("calibration").GetProperty("measuredAt").GetString());
        Assert.Equal(cached, Assert.Single(Directory.GetFiles(Path.Combine(Factory.DataDirectory, "calibration"))));
    }

    /// <summary>The first power run measures the machine first (seconds, many more on a loaded machine): a longer wait than the usual one.</summary>
    private async Task<JsonElement> WaitLongAsync(long id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            var run = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", timeout.Token);
            if (run.GetProperty("state").GetString() is "completed" or "failed" or "cancelled")
            {
                return run;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    [Fact]
    public async Task PostRun_BadFields_Returns400NamingEachField()
    {
        using var many = await Client.PostAsync("/api/runs", Json(
            """{"workload":"hello","tasks":-1,"strategies":["sequential","warp"],"repeat":0,"colour":"red","options":{"delayMs":"slow","pageKb":10,"bogus":1,"threads":0}}"""));
        Assert.Equal(
            ["colour", "options.bogus", "options.delayMs", "options.pageKb", "options.threads", "repeat", "strategies", "tasks"],
            await ErrorFieldsAsync(many));

        using var workload = await Client.PostAsync("/api/runs", Json("""{"workload":"juggle","tasks":5}"""));
        Assert.Equal(["workload"], await ErrorFieldsAsync(workload));

        using var missing = await Client.PostAsync("/api/runs", Json("""{"tasks":5}"""));
        Assert.Equal(["workload"], await ErrorFieldsAsync(missing));

        using var wrongWorkload = await Client.PostAsync("/api/runs", Json("""{"workload":"genre","options":{"delayMs":5,"start":3}}"""));
        Assert.Equal(["options.delayMs", "options.start"], await ErrorFieldsAsync(wrongWorkload));

        using var preset = await Client.PostAsync("/api/runs", Json("""{"workload":"power","preset":"huge","options":{"engine":"abacus"}}"""));
        Assert.Equal(["options.engine", "preset"], await ErrorFieldsAsync(preset));

        using var split = await Client.PostAsync("/api/runs", Json("""{"workload":"power","options":{"split":"round-robin"}}"""));
        Assert.Equal(["options.split"], await ErrorFieldsAsync(split));

        using var notObject = await Client.PostAsync("/api/runs", Json("[1,2]"));
        Assert.Equal(["body"], await ErrorFieldsAsync(notObject));
    }

    [Fact]
    public async Task PostRun_MalformedJson_Returns400Problem()
    {
        using var response = await Client.PostAsync("/api/runs", Json("""{"workload":"hello","""));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", (await ReadJsonAsync(response)).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownId_EveryRoute_Returns404Problem()
    {
        await AssertProblemAsync(await Client.GetAsync("/api/runs/999999"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Client.PostAsync("/api/runs/999999/cancel", null), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Client.DeleteAsync("/api/runs/999999"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Client.GetAsync("/api/runs/999999/export/json"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteRun_WhileRunning_Returns409ThenAfterCancel204Then404()
    {
        var id = await StartRunAsync(Client, """{"workload":"hello","tasks":2,"strategies":["sequential"],"options":{"delayMs":60000}}""");
        await WaitForStateAsync(Client, id, "running");

        await AssertProblemAsync(await Client.DeleteAsync($"/api/runs/{id}"), HttpStatusCode.Conflict);
        await AssertProblemAsync(await Client.GetAsync($"/api/runs/{id}/export/csv"), HttpStatusCode.Conflict);
        using var cancel = await Client.PostAsync($"/api/runs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var cancelled = await WaitForStateAsync(Client, id, "cancelled");
        await AssertProblemAsync(await Client.PostAsync($"/api/runs/{id}/cancel", null), HttpStatusCode.Conflict);

        using var delete = await Client.DeleteAsync($"/api/runs/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        await AssertProblemAsync(await Client.GetAsync($"/api/runs/{id}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Client.DeleteAsync($"/api/runs/{id}"), HttpStatusCode.NotFound);
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task ExportRun_EachFormat_ReturnsTheFile()
    {
        var id = await StartRunAsync(Client, HelloRun);
        await WaitForStateAsync(Client, id, "completed");

        using var json = await Client.GetAsync($"/api/runs/{id}/export/json");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"run-{id}.json", json.Content.Headers.ContentDisposition?.FileName);
        var document = RunJson.Deserialize(await json.Content.ReadAsStringAsync());
        Assert.Equal(id, document.Run.Id);
        Assert.Equal(160, document.Run.Results.Sum(r => r.Spans.Count));
        Assert.NotNull(document.Environment);

        var statistics = await Client.GetStringAsync($"/api/runs/{id}/export/csv");
        var statisticLines = statistics.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, statisticLines.Length);
        Assert.StartsWith(string.Join(',', RunCsv.StatisticsColumns.Take(2)), statisticLines[0], StringComparison.Ordinal);
        var spans = await Client.GetStringAsync($"/api/runs/{id}/export/csv?table=spans");
        Assert.Equal(1 + 160, spans.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var markdown = await Client.GetStringAsync($"/api/runs/{id}/export/md");
        Assert.Contains("| sequential", markdown, StringComparison.Ordinal);
        Assert.Contains("| async", markdown, StringComparison.Ordinal);

        using var trace = JsonDocument.Parse(await Client.GetStringAsync($"/api/runs/{id}/export/trace"));
        var tasks = trace.RootElement.GetProperty("traceEvents").EnumerateArray()
            .Count(e => e.GetProperty("ph").GetString() == "X" && e.GetProperty("cat").GetString() == "task");
        Assert.Equal(160, tasks);

        using var badFormat = await Client.GetAsync($"/api/runs/{id}/export/xlsx");
        Assert.Equal(["format"], await ErrorFieldsAsync(badFormat));
        using var badTable = await Client.GetAsync($"/api/runs/{id}/export/md?table=spans");
        Assert.Equal(["table"], await ErrorFieldsAsync(badTable));
    }

    [Fact]
    public async Task ImportRun_ExportOfAFinishedRun_StoredUnderNewIdWithSameResults()
    {
        var id = await StartRunAsync(Client, HelloRun);
        var original = await WaitForStateAsync(Client, id, "completed");
        var exported = await Client.GetStringAsync($"/api/runs/{id}/export/json");

        using var response = await Client.PostAsync("/api/runs/import", Json(exported));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var newId = (await ReadJsonAsync(response)).GetProperty("id").GetInt64();
        Assert.NotEqual(id, newId);
        Assert.Equal($"/api/runs/{newId}", response.Headers.Location?.OriginalString);
        var imported = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{newId}");
        Assert.True(imported.GetProperty("imported").GetBoolean());
        Assert.Equal("completed", imported.GetProperty("state").GetString());
        Assert.Equal("api test", imported.GetProperty("label").GetString());
        Assert.Equal(original.GetProperty("results").GetRawText(), imported.GetProperty("results").GetRawText());
        Assert.Equal(original.GetProperty("statistics").GetRawText(), imported.GetProperty("statistics").GetRawText());
        var reexported = RunJson.Deserialize(await Client.GetStringAsync($"/api/runs/{newId}/export/json"));
        Assert.Equal(160, reexported.Run.Results.Sum(r => r.Spans.Count));
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/runs?take=1");
        Assert.Equal(newId, list.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task ImportRun_BadDocuments_Return400Problem()
    {
        await AssertProblemAsync(await Client.PostAsync("/api/runs/import", Json("""{"formatVersion":1""")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await Client.PostAsync("/api/runs/import", Json("""{"formatVersion":99,"run":{}}""")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await Client.PostAsync("/api/runs/import", Json("""{"formatVersion":1,"exportedAt":"2026-11-26T10:00:00Z"}""")), HttpStatusCode.BadRequest);
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ListRuns_FilterAndPaging_NewestFirstAndLimitsChecked()
    {
        long[] ids = new long[5];
        for (var i = 0; i < ids.Length; i++)
        {
            var plan = i % 2 == 0 ? TestRuns.HelloPlan() : TestRuns.HelloPlan() with { Parameters = new Engine.Workloads.GenreParameters(3) };
            var document = RunDocument.Create(TestRuns.Finished(100 + i, plan, i == 4 ? Dashboard.Web.Runs.Lifecycle.RunState.Failed : Dashboard.Web.Runs.Lifecycle.RunState.Completed), null, DateTimeOffset.UtcNow);
            using var response = await Client.PostAsync("/api/runs/import", Json(RunJson.Serialize(document)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids[i] = (await ReadJsonAsync(response)).GetProperty("id").GetInt64();
        }

        var all = await Client.GetFromJsonAsync<JsonElement>("/api/runs");
        var hello = await Client.GetFromJsonAsync<JsonElement>("/api/runs?workload=hello&take=2");
        var helloPage2 = await Client.GetFromJsonAsync<JsonElement>("/api/runs?workload=hello&take=2&skip=2");
        var failed = await Client.GetFromJsonAsync<JsonElement>("/api/runs?state=failed");

        static long[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(ids.Reverse(), Ids(all));
        Assert.Equal(5, all.GetProperty("total").GetInt32());
        Assert.Equal([ids[4], ids[2]], Ids(hello));
        Assert.Equal([ids[0]], Ids(helloPage2));
        Assert.Equal(3, hello.GetProperty("total").GetInt32());
        Assert.Equal([ids[4]], Ids(failed));
        var item = all.GetProperty("items")[4];
        Assert.Equal(1.05, item.GetProperty("medianWallSeconds").GetProperty("sequential").GetDouble(), 9);

        Assert.Equal(["take"], await ErrorFieldsAsync(await Client.GetAsync("/api/runs?take=0")));
        Assert.Equal(["take"], await ErrorFieldsAsync(await Client.GetAsync("/api/runs?take=501")));
        Assert.Equal(["skip"], await ErrorFieldsAsync(await Client.GetAsync("/api/runs?skip=-1")));
        Assert.Equal(["state", "workload"], await ErrorFieldsAsync(await Client.GetAsync("/api/runs?state=sleeping&workload=juggle")));
    }

    [Fact]
    public async Task OpenApiDocument_Served_ListsEveryRoute()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/runs").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/runs").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/runs/{id}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/runs/{id}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/runs/{id}/cancel").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/runs/{id}/export/{format}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/runs/import").TryGetProperty("post", out _));
        var createBody = paths.GetProperty("/api/runs").GetProperty("post").GetProperty("requestBody").GetRawText();
        Assert.Contains("CreateRunRequest", createBody, StringComparison.Ordinal);
        var createResponses = paths.GetProperty("/api/runs").GetProperty("post").GetProperty("responses");
        Assert.True(createResponses.TryGetProperty("202", out _));
        Assert.True(createResponses.TryGetProperty("400", out _));
        Assert.True(createResponses.TryGetProperty("429", out _));
        Assert.True(paths.GetProperty("/api/runs/{id}").GetProperty("delete").GetProperty("responses").TryGetProperty("409", out _));
    }
}
