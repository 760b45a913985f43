using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Bench;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Exports;

/// <summary>Every failed span carries its reason as <c>error</c>: in the run JSON (the export and the API's import) and the bench JSON.</summary>
public sealed class SpanErrorTests
{
    private static readonly HelloParameters Parameters = new(Tasks: 3, DelayMs: 100);

    // Task 0 ok, task 1 failed with a reason, task 2 failed with none.
    private static readonly StrategyResult Result = new(StrategyIds.Threads, 0, 0.3, 0.01, 3, 1, 2, "ok", 0,
    [
        new TaskSpan(0, new Lane(10, 1), 0, 0.1, TaskStatus.Ok, "ok"),
        new TaskSpan(1, new Lane(10, 2), 0, 0.2, TaskStatus.Failed, "HttpRequestException: 503 Service Unavailable"),
        new TaskSpan(2, new Lane(10, 3), 0, 0.3, TaskStatus.Failed, " "),
    ]);

    [Fact]
    public void RunJson_FailedSpans_CarryTheirReason_OkSpansNone_AndTheDocumentReadsBack()
    {
        var run = new RunSummary(3, null, new RunPlan(Parameters, [StrategyIds.Threads]), RunState.Completed, null,
            ExportTestRuns.Created, ExportTestRuns.Created, ExportTestRuns.Created.AddSeconds(1), null, [Result]);

        var json = RunJson.Serialize(RunDocument.Create(run, null, ExportTestRuns.Created));
        var spans = JsonNode.Parse(json)!["run"]!["results"]![0]!["spans"]!.AsArray();

        Assert.Equal([null, "HttpRequestException: 503 Service Unavailable", FailuresFinder.NoReason],
            spans.Select(s => s!["error"]?.GetValue<string>()));
        var back = RunJson.Deserialize(json).Run.Results[0].Spans;
        Assert.Equal(Result.Spans.Select(s => s.Error), back.Select(s => s.Error));
    }

    [Fact]
    public void BenchJson_FailedSpans_CarryTheirReason_AndTheFailuresWarningGroupsThem()
    {
        var options = new BenchOptions(Parameters, [StrategyIds.Threads], 1, 0, new StrategyOptions(), null, null, null, null, false);
        var environment = new BenchEnvironment("linux", ".NET", 2, "cpu", "workstation", null, "http://127.0.0.1:1/sim/", null);

        var report = BenchReportBuilder.Build(options, new RunResult(Parameters, [Result], false), environment);
        var json = JsonNode.Parse(BenchJsonWriter.ToJson(report))!;

        var spans = json["strategies"]![0]!["spans"]!.AsArray();
        Assert.Equal([null, "HttpRequestException: 503 Service Unavailable", FailuresFinder.NoReason],
            spans.Select(s => s!["error"]?.GetValue<string>()));
        var failures = Assert.Single(json["warnings"]!.AsArray(), w => w!["id"]!.GetValue<string>() == FindingIds.Failures)!;
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(failures.ToJsonString()).RootElement.GetProperty("figures").ValueKind);
        Assert.Contains("503 Service Unavailable", failures["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
