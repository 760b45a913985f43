using System.Text.Json.Nodes;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Exports;

public sealed class RunJsonTests
{
    private static readonly RunEnvironment Environment = new(
        "Debian GNU/Linux 13", ".NET 10.0.1", 2, "Test CPU @ 2.0GHz", "workstation, concurrent", false, true,
        "gmp 6.3.0", "http://127.0.0.1:5000/sim/", new Dictionary<string, string> { ["latencyMs"] = "100", ["failureRate"] = "0" });

    [Fact]
    public void Deserialize_SerializedDocument_RoundTripsEverything()
    {
        var run = ExportTestRuns.Mixed();
        var document = RunDocument.Create(run, Environment, ExportTestRuns.Created.AddHours(1));

        var back = RunJson.Deserialize(RunJson.Serialize(document));

        Assert.Equal(RunDocument.CurrentFormatVersion, back.FormatVersion);
        Assert.Equal(document.ExportedAt, back.ExportedAt);
        Assert.Equal(run.Id, back.Run.Id);
        Assert.Equal(run.Label, back.Run.Label);
        Assert.Equal(run.State, back.Run.State);
        Assert.Equal(run.StartedAt, back.Run.StartedAt);
        Assert.Equal(run.Plan.Parameters, Assert.IsType<HelloParameters>(back.Run.Plan.Parameters));
        Assert.Equal(run.Plan.Strategies, back.Run.Plan.Strategies);
        Assert.Equal(run.Plan.Repeat, back.Run.Plan.Repeat);
        Assert.Equal(run.Plan.Warmup, back.Run.Plan.Warmup);
        Assert.Equal(run.Results.Count, back.Run.Results.Count);
        for (var i = 0; i < run.Results.Count; i++)
        {
            var (expected, actual) = (run.Results[i], back.Run.Results[i]);
            Assert.Equal(expected with { Spans = [] }, actual with { Spans = [] });
            Assert.Equal(expected.Spans, actual.Spans);
        }

        Assert.Equal(Environment with { Knobs = null! }, back.Environment! with { Knobs = null! });
        Assert.Equal(Environment.Knobs, back.Environment!.Knobs);
        Assert.Equal(document.Statistics.Select(s => s.Strategy), back.Statistics.Select(s => s.Strategy));
        Assert.Equal(document.Statistics[1].Wall!.Mean, back.Statistics[1].Wall!.Mean);
        Assert.Equal(document.Statistics[1].Speedup!.Ratio, back.Statistics[1].Speedup!.Ratio);
    }

    [Fact]
    public void Serialize_Document_UsesCamelCaseDiscriminatorAndCompactLanes()
    {
        var json = JsonNode.Parse(RunJson.Serialize(RunDocument.Create(ExportTestRuns.Mixed(), Environment, ExportTestRuns.Created)))!;

        Assert.Equal(1, json["formatVersion"]!.GetValue<int>());
        Assert.Equal("hello", json["run"]!["plan"]!["parameters"]!["workload"]!.GetValue<string>());
        Assert.Equal("completed", json["run"]!["state"]!.GetValue<string>());
        var span = json["run"]!["results"]![0]!["spans"]![0]!;
        Assert.Equal("4242:1", span["lane"]!.GetValue<string>());
        Assert.Equal("ok", span["status"]!.GetValue<string>());

        // Get-only conveniences computed on the exporting machine are not part of the format.
        Assert.Null(json["run"]!["plan"]!["effectiveOptions"]);
        Assert.Null(json["run"]!["isFinished"]);
        Assert.Equal("sequential", json["statistics"]![0]!["strategy"]!.GetValue<string>());
        Assert.NotNull(json["statistics"]![0]!["wall"]!["isNoisy"]);
    }

    [Fact]
    public void Deserialize_OtherFormatVersion_SaysWhichVersion()
    {
        var json = JsonNode.Parse(RunJson.Serialize(RunDocument.Create(ExportTestRuns.Mixed(), null, ExportTestRuns.Created)))!;
        json["formatVersion"] = 2;

        var error = Assert.Throws<RunDocumentException>(() => RunJson.Deserialize(json.ToJsonString()));

        Assert.Contains("format version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_OtherVersionWithOtherShape_SaysWhichVersion()
    {
        var error = Assert.Throws<RunDocumentException>(() => RunJson.Deserialize("""{"formatVersion": 3, "run": [1, 2]}"""));

        Assert.Contains("format version 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "Not a valid run document")]
    [InlineData("null", "JSON is null")]
    [InlineData("""{"formatVersion": 1}""", "'run' is missing")]
    [InlineData("""{"formatVersion": 1, "run": {"id": 1, "results": []}}""", "'run.plan' is missing")]
    [InlineData("""{"formatVersion": 1, "run": {"id": 1, "plan": {"parameters": {"workload": "nope"}, "strategies": ["async"]}, "results": []}}""", "Not a valid run document")]
    [InlineData("""{"formatVersion": 1, "run": {"id": 1, "plan": {"parameters": {"workload": "hello", "tasks": 0}, "strategies": ["async"]}, "results": []}}""", "tasks")]
    [InlineData("""{"formatVersion": 1, "run": {"id": 1, "plan": {"parameters": {"workload": "hello"}, "strategies": ["async"], "repeat": 1}}}""", "'run.results' is missing")]
    [InlineData("""{"formatVersion": 1, "run": {"id": 1, "plan": {"parameters": {"workload": "hello"}, "strategies": ["async"], "repeat": 1}, "results": [{"strategy": "async", "outputCheck": "ok", "wallSeconds": 1, "spans": [{"task": 0, "lane": "12", "start": 0, "end": 1}]}]}}""", "not a lane")]
    [InlineData("""{"formatVersion": 1, "run": {"id": 1, "plan": {"parameters": {"workload": "hello"}, "strategies": ["async"], "repeat": 1}, "results": [{"strategy": "async", "outputCheck": "ok", "wallSeconds": 1, "spans": [{"task": 0, "lane": "1:2", "start": 0.5, "end": 0.1}]}]}}""", "start <= end")]
    public void Deserialize_MalformedDocument_ThrowsClearMessage(string json, string expected)
    {
        var error = Assert.Throws<RunDocumentException>(() => RunJson.Deserialize(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_DocumentWithoutStatistics_RecomputesThem()
    {
        var json = JsonNode.Parse(RunJson.Serialize(RunDocument.Create(ExportTestRuns.Mixed(), null, ExportTestRuns.Created)))!;
        json.AsObject().Remove("statistics");

        var back = RunJson.Deserialize(json.ToJsonString());

        Assert.Equal(["sequential", "threads", "async", "processes"], back.Statistics.Select(s => s.Strategy));
        Assert.Equal(2, back.Statistics[0].Repetitions);
    }

    [Fact]
    public async Task DeserializeAsync_Stream_ReadsWhatSerializeAsyncWrote()
    {
        var document = RunDocument.Create(ExportTestRuns.Mixed(), Environment, ExportTestRuns.Created);
        using var stream = new MemoryStream();
        await RunJson.SerializeAsync(stream, document, CancellationToken.None);
        stream.Position = 0;

        var back = await RunJson.DeserializeAsync(stream, CancellationToken.None);

        Assert.Equal(document.Run.Results.Sum(r => r.Spans.Count), back.Run.Results.Sum(r => r.Spans.Count));
        Assert.Equal(RunState.Completed, back.Run.State);
    }
}
