using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Exports;
using Dashboard.Web.Tests.Exports;
using Xunit.Abstractions;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// How fast a large stored run moves through the real HTTP API: a 10,000-task run (sequential + async, 20,000 spans) is
/// imported, read and exported in every format; prints medians, asserts only the contents.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class RunsApiPerformance(ITestOutputHelper output) : SignedInApiTest
{
    [BenchmarkFact]
    public async Task ExportRun_TenThousandTaskRun_EveryFormatCompleteAndTimed()
    {
        var run = ExportTestRuns.Large(10_000, 8);
        var spans = run.Results.Sum(r => r.Spans.Count);
        var body = RunJson.Serialize(RunDocument.Create(run, null, DateTimeOffset.UtcNow));
        var import = Stopwatch.StartNew();
        using var imported = await Client.PostAsync("/api/runs/import", Json(body));
        var importMs = import.Elapsed.TotalMilliseconds;
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var id = (await ReadJsonAsync(imported)).GetProperty("id").GetInt64();

        var details = await Measure("GET /api/runs/{id}", $"/api/runs/{id}");
        var json = await Measure("export json", $"/api/runs/{id}/export/json");
        var csv = await Measure("export csv spans", $"/api/runs/{id}/export/csv?table=spans");
        var md = await Measure("export md", $"/api/runs/{id}/export/md");
        var trace = await Measure("export trace", $"/api/runs/{id}/export/trace");

        Assert.Equal(spans, JsonDocument.Parse(details).RootElement.GetProperty("totalEvents").GetInt32());
        Assert.Equal(spans, RunJson.Deserialize(json).Run.Results.Sum(r => r.Spans.Count));
        Assert.Equal(spans + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("| async", md, StringComparison.Ordinal);
        using var traceDocument = JsonDocument.Parse(trace);
        Assert.Equal(spans, traceDocument.RootElement.GetProperty("traceEvents").EnumerateArray()
            .Count(e => e.TryGetProperty("cat", out var c) && c.GetString() == "task"));
        output.WriteLine(Invariant($"import {body.Length / 1024} KiB document ({spans} spans): {importMs:0} ms (one sample, includes JIT)"));
        output.WriteLine(Invariant($"sizes: json {json.Length / 1024} KiB, csv spans {csv.Length / 1024} KiB, trace {trace.Length / 1024} KiB"));
    }

    private async Task<string> Measure(string name, string path)
    {
        var text = await Client.GetStringAsync(path); // warm up
        var times = new double[5];
        for (var i = 0; i < times.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            text = await Client.GetStringAsync(path);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        output.WriteLine(Invariant($"{name}: median {times[2]:0} ms (min {times[0]:0}, max {times[4]:0})"));
        return text;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
