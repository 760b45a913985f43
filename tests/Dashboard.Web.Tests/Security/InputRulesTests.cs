using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Engine.Running;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Exports;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// One rule per input: the run API and import give one answer about a label; import checks a
/// span's node and times; exports never write a negative timestamp nor the server's folders.
/// </summary>
public sealed class InputRulesTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new(new Dictionary<string, string?> { ["RateLimits:ImportsPerMinute"] = "100" });
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = Create(_factory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Theory]
    [InlineData("line\nbreak\u0000nul")]
    [InlineData("tab\tinside")]
    public async Task Label_TheApiAndTheImport_RefuseItWithTheSameMessage(string label)
    {
        using var run = await _client.PostAsync(new Uri("/api/runs", UriKind.Relative),
            Json(JsonSerializer.Serialize(new { workload = "hello", tasks = 2, label })));
        using var import = await _client.PostAsync(new Uri("/api/runs/import", UriKind.Relative), Json(Document(d => d["run"]!["label"] = label)));

        Assert.Equal(["label"], await ErrorFieldsAsync(run));
        var apiMessage = (await ReadJsonAsync(run)).GetProperty("errors").GetProperty("label")[0].GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        Assert.Contains(apiMessage.TrimEnd('.'), (await ReadJsonAsync(import)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Label_AcceptedByTheApi_ItsOwnExportImportsAgain()
    {
        var label = "  café « run » 7 | \"quoted\", <b>bold</b>  ";
        var id = await StartRunAsync(_client, JsonSerializer.Serialize(new { workload = "hello", tasks = 2, strategies = new[] { "sequential" }, label }));
        await WaitForStateAsync(_client, id, "completed", "failed", "cancelled");

        var export = await _client.GetStringAsync(new Uri($"/api/runs/{id}/export/json", UriKind.Relative));
        using var import = await _client.PostAsync(new Uri("/api/runs/import", UriKind.Relative), Json(export));

        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var copy = (await ReadJsonAsync(import)).GetProperty("id").GetInt64();
        var stored = await _client.GetFromJsonAsync<JsonElement>(new Uri($"/api/runs/{copy}", UriKind.Relative));
        Assert.Equal(label.Trim(), stored.GetProperty("label").GetString());
    }

    [Theory]
    [InlineData(100_000, "")]
    [InlineData(10, "\u0007")]
    [InlineData(10, "\n")]
    public async Task Import_SpanNodeTooLongOrNotPrintable_Refused(int length, string control)
    {
        var node = new string('n', length) + control + "<script>alert(1)</script>";

        using var response = await _client.PostAsync(new Uri("/api/runs/import", UriKind.Relative),
            Json(Document(d => d["run"]!["results"]![0]!["spans"]![0]!["node"] = node)));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var detail = (await ReadJsonAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("'run.results[0].spans[0].node'", detail, StringComparison.Ordinal);
        Assert.True(detail.Length < 400, detail);
    }

    [Fact]
    public async Task Import_PrintableNode_Accepted()
    {
        using var response = await _client.PostAsync(new Uri("/api/runs/import", UriKind.Relative),
            Json(Document(d => d["run"]!["results"]![0]!["spans"]![0]!["node"] = "node-1 <b>")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("end", 1e308, "'run.results[0].spans[0].end' is 1E+308 s; a task runs inside its repetition")]
    [InlineData("start", -1, "'run.results[0].spans[0]' must have finite 0 <= start <= end")]
    [InlineData("end", 30, "'run.results[0].spans[0].end' is 30 s; a task runs inside its repetition, which lasted 0.39 s")]
    public async Task Import_SpanTimesOutsideTheirRepetition_Refused(string field, double value, string expected)
    {
        using var response = await _client.PostAsync(new Uri("/api/runs/import", UriKind.Relative),
            Json(Document(d => d["run"]!["results"]![0]!["spans"]![0]![field] = value)));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, (await ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RepetitionOfCenturies_Refused()
    {
        using var response = await _client.PostAsync(new Uri("/api/runs/import", UriKind.Relative),
            Json(Document(d => d["run"]!["results"]![0]!["wallSeconds"] = 1e308)));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("'run.results[0].wallSeconds' must be a finite number of seconds between 0 and 604,800", (await ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_ARunWithExtremeTimes_NeverWriteANegativeOrEndlessTimestamp()
    {
        // Stored as an older version or another store might hold it, past the import's checks.
        var run = ExportTestRuns.Mixed() with { Id = 900, CreatedAt = DateTimeOffset.MinValue, StartedAt = DateTimeOffset.MaxValue, EndedAt = null };
        var extreme = run.Results.Select((r, i) => i == 0
            ? r with { WallSeconds = 1e308, Spans = [.. r.Spans.Select(s => s with { Start = 1e300, End = 1e308 })] }
            : r).ToList();
        await _factory.Services.GetRequiredService<IRunStore>().SaveAsync(run with { Results = extreme }, null, imported: false, CancellationToken.None);

        using var trace = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/api/runs/900/export/trace", UriKind.Relative)));
        using var otlp = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/api/runs/900/export/otlp", UriKind.Relative)));

        var times = Numbers(trace.RootElement, "ts", "dur").ToList();
        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.True(t >= 0 && double.IsFinite(t), $"trace time {t}"));
        var nanos = Numbers(otlp.RootElement, "startTimeUnixNano", "endTimeUnixNano").ToList();
        Assert.NotEmpty(nanos);
        Assert.All(nanos, t => Assert.True(t >= 0 && t <= long.MaxValue, $"OTLP time {t}"));
    }

    [Fact]
    public async Task Exports_CarryTheOutputsKindAndFileSystem_NotTheServersFolder()
    {
        var id = await StartRunAsync(_client, """{"workload":"genre","tasks":2,"strategies":["async"]}""");
        var run = await WaitForStateAsync(_client, id, "completed", "failed", "cancelled");
        var outputs = run.GetProperty("environment").GetProperty("outputs");

        Assert.Equal("disk", outputs.GetProperty("location").GetString());
        Assert.False(outputs.TryGetProperty("directory", out _), outputs.ToString());
        foreach (var format in new[] { "json", "md", "csv", "trace", "otlp" })
        {
            var text = await _client.GetStringAsync(new Uri($"/api/runs/{id}/export/{format}", UriKind.Relative));
            Assert.DoesNotContain(_factory.DataDirectory, text, StringComparison.Ordinal);
        }

        Assert.True(Directory.Exists(new DataFolder(_factory.DataDirectory).RunOutput(id)), "the run wrote nothing to its folder");
    }

    private static string Document(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(RunJson.Serialize(RunDocument.Create(ExportTestRuns.Mixed(), null, ExportTestRuns.Created)))!;
        change(json);
        return json.ToJsonString();
    }

    /// <summary>Every value of the named properties anywhere in the document, numbers or numeric strings.</summary>
    private static IEnumerable<double> Numbers(JsonElement element, params string[] names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (names.Contains(property.Name))
                    {
                        yield return property.Value.ValueKind == JsonValueKind.String
                            ? double.Parse(property.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                            : property.Value.GetDouble();
                    }
                    else
                    {
                        foreach (var value in Numbers(property.Value, names))
                        {
                            yield return value;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var value in Numbers(item, names))
                    {
                        yield return value;
                    }
                }

                break;
        }
    }
}
