using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Host;
namespace Dashboard.Web.Tests.Exports;

public sealed class RunMarkdownTests
{
    [Fact]
    public void Summary_MixedRun_HasOneTableRowPerStrategy()
    {
        var md = RunMarkdown.Summary(ExportTestRuns.Mixed());
        var lines = md.Split('\n');

        var header = Array.IndexOf(lines, RunMarkdown.TableHeader);
        Assert.True(header > 0);
        var columns = RunMarkdown.TableHeader.Count(c => c == '|');
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToArray();
        Assert.Equal(["sequential", "threads", "async", "processes"], rows.Select(r => r.Split(" | ")[0].TrimStart('|', ' ')));
        Assert.All(rows, r => Assert.Equal(columns, r.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|')));
        Assert.StartsWith("# Run 7 · hello · completed", md, StringComparison.Ordinal);

        // Threads: 0.405 / 0.125 = 3.24; sequential is the baseline.
        Assert.Contains("| threads | 2 |", md, StringComparison.Ordinal);
        Assert.Contains("3.24 ± ", md, StringComparison.Ordinal);
        Assert.Contains("| baseline |", md, StringComparison.Ordinal);
        Assert.Contains("- threads: 2 tasks failed.", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_LabelWithPipe_IsEscaped()
    {
        var md = RunMarkdown.Summary(ExportTestRuns.Mixed(label: "a | b"));

        Assert.Contains("Label: a \\| b", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_WithEnvironment_ListsIt()
    {
        var environment = RunEnvironment.Capture("http://127.0.0.1:1/sim/", new Dictionary<string, string> { ["latencyMs"] = "100" });

        var md = RunMarkdown.Summary(ExportTestRuns.Mixed(), environment);

        Assert.Contains($"- CPU: {environment.CpuModel} ({environment.CoreCount} cores)", md, StringComparison.Ordinal);
        Assert.Contains("- Targets: http://127.0.0.1:1/sim/ (latencyMs=100)", md, StringComparison.Ordinal);
    }
}
