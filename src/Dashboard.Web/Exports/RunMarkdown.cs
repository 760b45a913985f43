using System.Globalization;
using System.Text;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Exports;

/// <summary>A Markdown summary of a run: a heading, the per-strategy table, warnings and the environment.</summary>
public static class RunMarkdown
{
    /// <summary>The header row of the summary table.</summary>
    public const string TableHeader =
        "| strategy | n | median | mean ± 95% CI | sd | CV | min – max | vs sequential | CPU (median) | lanes | ok / failed | check |";

    /// <summary>The summary of <paramref name="run"/>; <paramref name="environment"/> adds a section when given.</summary>
    public static string Summary(RunSummary run, RunEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var statistics = RunStatistics.Compute(run.Results);
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.Append(inv, $"# Run {run.Id} · {Cell(run.Plan.Parameters.Workload)} · {RunLifecycle.ToLabel(run.State)}").Append('\n').Append('\n');
        if (!string.IsNullOrWhiteSpace(run.Label))
        {
            md.Append("Label: ").Append(Cell(run.Label)).Append('\n').Append('\n');
        }

        md.Append(inv, $"{run.Plan.Parameters.TaskCount} tasks, {run.Plan.Repeat} repetition(s), {run.Plan.Warmup} warmup(s)");
        if (run.StartedAt is { } started)
        {
            md.Append(inv, $", started {started:yyyy-MM-dd HH:mm:ss} UTC");
        }

        if (run.StartedAt is { } s && run.EndedAt is { } e)
        {
            md.Append(inv, $", took {(e - s).TotalSeconds:0.0} s");
        }

        md.Append(".\n\n");
        if (!string.IsNullOrWhiteSpace(run.Error))
        {
            md.Append("Error: ").Append(Cell(run.Error)).Append("\n\n");
        }

        md.Append(TableHeader).Append('\n');
        md.Append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|\n");
        foreach (var st in statistics)
        {
            var w = st.Wall;
            md.Append("| ").Append(Cell(st.Strategy))
                .Append(" | ").Append(st.Repetitions.ToString(inv))
                .Append(" | ").Append(Seconds(w?.Median))
                .Append(" | ").Append(MeanWithInterval(w))
                .Append(" | ").Append(Seconds(w?.StandardDeviation))
                .Append(" | ").Append(w?.CoefficientOfVariation is { } cv ? (cv * 100).ToString("0.0", inv) + "%" : "–")
                .Append(" | ").Append(w is null ? "–" : $"{Seconds(w.Min)} – {Seconds(w.Max)}")
                .Append(" | ").Append(st.Speedup?.ToString() ?? (st.Strategy == Engine.Strategies.StrategyCatalog.Baseline.Id ? "baseline" : "–"))
                .Append(" | ").Append(Seconds(st.MedianCpuSeconds))
                .Append(" | ").Append(st.MaxLanes.ToString(inv))
                .Append(" | ").Append(inv, $"{st.TasksOk} / {st.TasksFailed}")
                .Append(" | ").Append(Cell(st.OutputCheck))
                .Append(" |\n");
        }

        var warnings = statistics.SelectMany(st => st.Warnings.Select(w => $"{st.Strategy}: {w}")).ToArray();
        if (warnings.Length > 0)
        {
            md.Append("\n**Warnings**\n\n");
            foreach (var warning in warnings)
            {
                md.Append("- ").Append(Cell(warning)).Append('\n');
            }
        }

        md.Append("\nSpeedup: ratio of median wall times to sequential's, ± one standard error (relative errors combined in quadrature).\n");
        if (environment is not null)
        {
            md.Append("\n**Environment**\n\n");
            md.Append("- OS: ").Append(Cell(environment.OperatingSystem)).Append('\n');
            md.Append("- .NET: ").Append(Cell(environment.DotNetVersion)).Append('\n');
            md.Append("- CPU: ").Append(Cell(environment.CpuModel)).Append(inv, $" ({environment.CoreCount} cores)\n");
            md.Append("- GC: ").Append(Cell(environment.GcMode)).Append('\n');
            md.Append("- Arithmetic: ").Append(Cell(environment.ArithmeticEngine)).Append('\n');
            md.Append("- Targets: ").Append(Cell(environment.TargetBaseUrl));
            if (environment.Knobs.Count > 0)
            {
                md.Append(" (").Append(Cell(string.Join(", ", environment.Knobs.Select(k => $"{k.Key}={k.Value}")))).Append(')');
            }

            md.Append('\n');
            if (environment.Outputs is { } outputs)
            {
                md.Append("- Outputs: ").Append(Cell(outputs.Location)).Append(" (").Append(Cell(outputs.FileSystem)).Append(")\n");
            }
        }

        return md.ToString();
    }

    private static string MeanWithInterval(SampleStatistics? w)
    {
        if (w is null)
        {
            return "–";
        }

        return w.ConfidenceHigh is { } high
            ? $"{Seconds(w.Mean)} ± {Seconds(high - w.Mean)}"
            : Seconds(w.Mean);
    }

    /// <summary>The one seconds format (<see cref="SecondsText"/>), or "–" for nothing.</summary>
    private static string Seconds(double? value) => value is { } v ? SecondsText.Format(v) : "–";

    /// <summary>
    /// Plain text, safe anywhere inline and inside a table cell: a label such as "&lt;script&gt;",
    /// "[x](javascript:alert(1))", "**bold**" or "| a |" renders as those very characters. Markdown's
    /// inline metacharacters get a backslash (CommonMark: any ASCII punctuation may be escaped so),
    /// HTML's become entities (a backslash does not stop raw HTML in every renderer), control
    /// characters and line breaks become spaces so nothing starts a new block.
    /// </summary>
    internal static string Cell(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '!' or '#':
                    escaped.Append('\\').Append(c);
                    break;
                default:
                    escaped.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return escaped.ToString();
    }
}
