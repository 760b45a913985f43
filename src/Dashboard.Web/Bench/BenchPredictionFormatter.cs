using System.Globalization;
using System.Text;
using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Bench;

/// <summary>The bench's "predicted vs measured" lines: each strategy's predicted wall beside its median, with the error and the median and worst |error|.</summary>
public static class BenchPredictionFormatter
{
    /// <summary>The table under a heading; empty when nothing was predicted (no sequential ran).</summary>
    public static string Format(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var predicted = report.Strategies.Where(s => s.PredictedSeconds is not null).ToList();
        if (predicted.Count == 0)
        {
            return "";
        }

        string[] headers = ["strategy", "predicted", "measured", "error"];
        var rows = predicted.Select(s => new[]
        {
            s.Runtime == PythonTwins.PythonRuntime ? s.Name + " (python)" : s.Name,
            BenchTableFormatter.Seconds(s.PredictedSeconds!.Value),
            BenchTableFormatter.Seconds(s.MedianSeconds),
            Percent(s.PredictionError),
        }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder("\npredicted from sequential vs measured:\n");
        foreach (var row in rows.Prepend([.. widths.Select(w => new string('-', w))]).Prepend(headers))
        {
            text.AppendJoin("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).Append('\n');
        }

        var errors = predicted.Where(s => s.PredictionError is not null).Select(s => Math.Abs(s.PredictionError!.Value)).ToList();
        if (errors.Count > 0)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"|error|: median {Engine.Statistics.Quantiles.Median(errors) * 100:0}%, worst {errors.Max() * 100:0}%\n"));
        }

        return text.ToString();
    }

    /// <summary>"+12%", "-3%"; "-" without a figure.</summary>
    public static string Percent(double? error) =>
        error is { } e ? string.Create(CultureInfo.InvariantCulture, $"{(e >= 0 ? "+" : "")}{e * 100:0}%") : "-";
}
