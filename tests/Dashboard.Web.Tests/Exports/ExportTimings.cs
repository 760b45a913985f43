using System.Diagnostics;
using System.Globalization;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// Exports a 10,000-task run (20,000 spans: sequential + async) in every format and prints how
/// long each took (median of 5). It asserts the outputs, not the times: timing claims are figures,
/// so it is a benchmark (BENCH=1) rather than part of every test run.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ExportTimings(ITestOutputHelper output)
{
    [BenchmarkFact]
    public void AllFormats_TenThousandTaskRun_ProduceCompleteOutputs()
    {
        var run = ExportTestRuns.Large(10_000, 8);
        var environment = RunEnvironment.Capture("http://127.0.0.1:5000/sim/");
        var spans = run.Results.Sum(r => r.Spans.Count);

        var json = Measure("json", () => RunJson.SerializeToUtf8Bytes(RunDocument.Create(run, environment, DateTimeOffset.UnixEpoch)));
        var csvSpans = Measure("csv spans", () => RunCsv.Spans(run));
        var csvStats = Measure("csv statistics", () => RunCsv.Statistics(run));
        var md = Measure("markdown", () => RunMarkdown.Summary(run, environment));
        var trace = Measure("trace", () => ChromeTrace.ToUtf8Bytes(run));
        var back = Measure("json import", () => RunJson.Deserialize(json));

        Assert.Equal(spans, back.Run.Results.Sum(r => r.Spans.Count));
        Assert.Equal(spans + 1, Rfc4180.Parse(csvSpans).Count);
        Assert.Equal(3, Rfc4180.Parse(csvStats).Count);
        Assert.Contains("| async |", md, StringComparison.Ordinal);
        using var parsed = System.Text.Json.JsonDocument.Parse(trace);
        Assert.Equal(spans, parsed.RootElement.GetProperty("traceEvents").EnumerateArray().Count(e => e.TryGetProperty("cat", out var c) && c.GetString() == "task"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sizes: json {json.Length / 1024} KiB, csv spans {csvSpans.Length / 1024} KiB, trace {trace.Length / 1024} KiB"));
    }

    private T Measure<T>(string name, Func<T> export)
    {
        var result = export(); // warm up (JIT, serializer metadata)
        var times = new double[5];
        var cpu = new double[5];
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < times.Length; i++)
        {
            // CPU time next to wall time: on a busy shared machine wall time mostly measures the neighbours.
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            result = export();
            times[i] = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        }

        Array.Sort(times);
        Array.Sort(cpu);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: median {times[2]:0.0} ms wall (min {times[0]:0.0}, max {times[4]:0.0}), median {cpu[2]:0.0} ms CPU"));
        return result;
    }
}
