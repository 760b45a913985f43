using System.Text.Json.Nodes;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Host;
namespace Dashboard.Web.Tests.Exports;

/// <summary>The run environment's outputs (where the files went, on which file system) through exports and imports.</summary>
public sealed class OutputsExportTests
{
    private static readonly RunEnvironment Environment = RunEnvironment.Capture("http://127.0.0.1:1/sim/") with
    {
        Outputs = new OutputPlace("memory", "tmpfs"),
    };

    [Fact]
    public void JsonExport_Outputs_RoundTrip()
    {
        var json = RunJson.Serialize(RunDocument.Create(ExportTestRuns.Mixed(), Environment, ExportTestRuns.Created));

        var outputs = JsonNode.Parse(json)!["environment"]!["outputs"]!;
        Assert.Equal("memory", outputs["location"]!.GetValue<string>());
        Assert.Equal("tmpfs", outputs["fileSystem"]!.GetValue<string>());
        Assert.Equal(Environment.Outputs, RunJson.Deserialize(json).Environment!.Outputs);
    }

    [Fact]
    public void Markdown_Outputs_OneLineInTheEnvironment()
    {
        var markdown = RunMarkdown.Summary(ExportTestRuns.Mixed(), Environment);

        Assert.Contains("- Outputs: memory (tmpfs)\n", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fileSystem", "tmp\nfs")]
    [InlineData("location", null)]
    public void Import_BadOutputs_RefusedNamingTheField(string field, string? value)
    {
        var json = JsonNode.Parse(RunJson.Serialize(RunDocument.Create(ExportTestRuns.Mixed(), Environment, ExportTestRuns.Created)))!;
        json["environment"]!["outputs"]![field] = value;

        var ex = Assert.Throws<RunDocumentException>(() => RunJson.Deserialize(json.ToJsonString()));

        Assert.Contains($"environment.outputs.{field}", ex.Message, StringComparison.Ordinal);
    }
}
