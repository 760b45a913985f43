using System.Text.Json.Nodes;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Bench;

namespace Dashboard.Web.Tests.Bench;

public sealed class BenchFormattingTests
{
    [Fact]
    public void Format_WithSequential_PrintsSpeedupAgainstIt()
    {
        var report = Report(
            Strategy("sequential", [2.0, 2.2, 1.8], ok: 4, failed: 0, check: "ok"),
            Strategy("async", [0.5, 0.4, 0.6], ok: 3, failed: 1, check: "1 of 4 tasks have no output"));

        var lines = BenchTableFormatter.Format(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        Assert.StartsWith("strategy", lines[0], StringComparison.Ordinal);
        Assert.Contains("2.00 s", lines[2], StringComparison.Ordinal);
        Assert.Contains("1.80-2.20 s", lines[2], StringComparison.Ordinal);
        Assert.Contains("x1.00", lines[2], StringComparison.Ordinal);
        Assert.Contains("x4.00", lines[3], StringComparison.Ordinal);
        Assert.Contains("3/1", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("1 of 4 tasks have no output", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Format_WithoutSequential_PrintsNoSpeedup()
    {
        var report = Report(Strategy("async", [0.5], ok: 4, failed: 0, check: "ok"));

        var row = BenchTableFormatter.Format(report).Split('\n')[2];

        Assert.DoesNotContain("x", row.Replace("async", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void MinMax_SameUnit_WritesItOnce()
    {
        Assert.Equal("1.80-2.20 s", BenchTableFormatter.MinMax([2.2, 1.8]));
        Assert.Equal("42.0 ms-0.104 s", BenchTableFormatter.MinMax([0.042, 0.1042]));
    }

    [Fact]
    public void ToJson_Report_UsesTheIssueShape()
    {
        var report = Report(Strategy("async", [0.31], ok: 1, failed: 0, check: "ok"));

        var json = JsonNode.Parse(BenchJsonWriter.ToJson(report))!.AsObject();

        Assert.Equal(["workload", "parameters", "environment", "strategies", "calibration", "warnings"], json.Select(p => p.Key));
        var strategy = json["strategies"]![0]!.AsObject();
        Assert.Equal(
            ["name", "wallSeconds", "medianSeconds", "cpuSeconds", "lanes", "tasksOk", "tasksFailed", "outputCheck", "spans", "runtime", "outputDigest", "peakWorkingSetMb", "limitSeconds", "ofLimit", "predictedSeconds", "predictionError"],
            strategy.Select(p => p.Key));
        Assert.Equal(["task", "lane", "start", "end", "status"], strategy["spans"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            ["os", "dotnet", "cores", "cpuModel", "gcMode", "engine", "targetUrl", "knobs", "outputs"],
            json["environment"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void FormatPredictions_PredictedStrategies_RowsWithErrorAndMedianAndWorst()
    {
        var report = Report(
            Strategy("sequential", [2.0], ok: 4, failed: 0, check: "ok"),
            Strategy("async", [0.5], ok: 4, failed: 0, check: "ok") with { PredictedSeconds = 0.55, PredictionError = 0.1 },
            Strategy("threads", [0.4], ok: 4, failed: 0, check: "ok") with { PredictedSeconds = 0.3, PredictionError = -0.25 });

        var lines = BenchPredictionFormatter.Format(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("predicted from sequential vs measured:", lines[0]);
        Assert.StartsWith("strategy", lines[1], StringComparison.Ordinal);
        Assert.Equal(["async", "0.550 s", "0.500 s", "+10%"],
            lines[3].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.EndsWith("-25%", lines[4], StringComparison.Ordinal);
        Assert.Equal("|error|: median 18%, worst 25%", lines[5]);
    }

    [Fact]
    public void FormatPredictions_NothingPredicted_Empty()
    {
        Assert.Equal("", BenchPredictionFormatter.Format(Report(Strategy("async", [0.5], ok: 4, failed: 0, check: "ok"))));
    }

    private static BenchReport Report(params BenchStrategyReport[] strategies) => new(
        "genre",
        new JsonObject { ["tasks"] = 4 },
        new BenchEnvironment("linux", ".NET", 2, "cpu", "workstation", null, "http://127.0.0.1:1/sim/", null),
        strategies);

    private static BenchStrategyReport Strategy(string name, double[] walls, int ok, int failed, string check) => new(
        name, walls, Quantiles.Median(walls), 0.1, 1, ok, failed, check,
        [new BenchSpan(0, "1:1", 0, walls[0], "ok")]);
}
