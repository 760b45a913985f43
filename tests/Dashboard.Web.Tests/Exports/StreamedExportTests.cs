using System.Globalization;
using System.Text.Json;
using Dashboard.Web.Exports;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Storage;
using Dashboard.Web.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// A stored 100,000-task run exported through the API in every span format: the files are
/// streamed from the stored blobs (<see cref="IRunStore.GetForExportAsync"/>) and hold every span,
/// first and last in their stored order.
/// </summary>
public sealed class StreamedExportTests
{
    private const int Tasks = 100_000;
    private const long RunId = 900_001;

    [Fact]
    public async Task ExportRun_StoredHundredThousandTaskRun_EveryFormatHoldsEverySpan()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?>
        {
            ["Storage:MaxEventsPerRun"] = "1000000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        factory.StartServer();
        var run = RealisticRuns.Finished(RunId, Tasks);
        var spans = run.Results[0].Spans;
        await factory.Services.GetRequiredService<IRunStore>().SaveAsync(run, null, false, TestContext.Timeout);
        using var client = factory.CreateSignedInClient(TimeSpan.FromMinutes(5));
        var path = $"/api/runs/{RunId}/export/";

        var csv = (await client.GetStringAsync(path + "csv?table=spans")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + Tasks, csv.Length);
        Assert.Equal(string.Join(',', RunCsv.SpanColumns), csv[0]);
        Assert.Equal(CsvPrefix(spans[0]), string.Join(',', csv[1].Split(',').Take(7)));
        Assert.Equal(CsvPrefix(spans[^1]), string.Join(',', csv[^1].Split(',').Take(7)));

        using var json = JsonDocument.Parse(await client.GetByteArrayAsync(path + "json"));
        var stored = json.RootElement.GetProperty("run").GetProperty("results")[0].GetProperty("spans");
        Assert.Equal(Tasks, stored.GetArrayLength());
        Assert.Equal(0, stored[0].GetProperty("task").GetInt32());
        Assert.Equal(spans[0].End, stored[0].GetProperty("end").GetDouble());
        Assert.Equal(Tasks - 1, stored[Tasks - 1].GetProperty("task").GetInt32());
        Assert.Equal(spans[^1].End, stored[Tasks - 1].GetProperty("end").GetDouble());
        Assert.Single(json.RootElement.GetProperty("statistics").EnumerateArray());

        var otlp = OtlpJsonReader.Spans(await client.GetByteArrayAsync(path + "otlp")).Where(s => s.Name.StartsWith("task ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Tasks, otlp.Count);
        Assert.Equal(("task 0", "task 99999"), (otlp[0].Name, otlp[^1].Name));

        using var trace = JsonDocument.Parse(await client.GetByteArrayAsync(path + "trace"));
        var tasks = trace.RootElement.GetProperty("traceEvents").EnumerateArray()
            .Where(e => e.GetProperty("ph").GetString() == "X" && e.GetProperty("cat").GetString() == "task")
            .Select(e => e.GetProperty("args").GetProperty("task").GetInt32())
            .ToHashSet();
        Assert.Equal(Tasks, tasks.Count);
        Assert.Contains(Tasks - 1, tasks);
    }

    private static string CsvPrefix(Engine.Running.TaskSpan span) => string.Join(',',
        "async", "0", span.Task.ToString(CultureInfo.InvariantCulture), span.Lane.ProcessId.ToString(CultureInfo.InvariantCulture),
        span.Lane.ThreadId.ToString(CultureInfo.InvariantCulture), RunCsv.Microseconds(span.Start).ToString(CultureInfo.InvariantCulture),
        RunCsv.Microseconds(span.End).ToString(CultureInfo.InvariantCulture));
}
