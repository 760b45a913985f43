using System.Globalization;
using System.Text;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Bench;

/// <summary>The bench's plain-text table, one row per strategy, speedups against the baseline (sequential) of each runtime.</summary>
public static class BenchTableFormatter
{
    private static readonly string[] Headers =
        ["strategy", "median", "min-max", "speedup", "CPU", "lanes", "ok/failed", "% of limit", "check"];

    public static string Format(BenchReport report)
    {
        // Each runtime against its own sequential.
        var rows = report.Strategies
            .Select(s => Row(s, report.Strategies.FirstOrDefault(b => b.Name == StrategyCatalog.Baseline.Id && b.Runtime == s.Runtime)))
            .ToList();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();

        var text = new StringBuilder();
        AppendLine(text, Headers, widths);
        AppendLine(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            AppendLine(text, row, widths);
        }

        return text.ToString();
    }

    /// <summary>
    /// The findings, one line each ("warning tasks-too-short: threads (dotnet): ..."), under a heading;
    /// empty when none fired.
    /// </summary>
    public static string FormatWarnings(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Warnings.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder("\nwarnings (why and what to do: /warnings in the app):\n");
        foreach (var finding in report.Warnings)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"  {finding.Severity.ToString().ToLowerInvariant()} {finding.Id}: {finding.Strategy} ({finding.Runtime}): {finding.Text}\n"));
        }

        return text.ToString();
    }

    /// <summary>
    /// One table per swept strategy (size, median, speedup against the curve's baseline, which the
    /// heading names) and its Amdahl fit; empty without a sweep.
    /// </summary>
    public static string FormatSweep(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Sweep is not { Count: > 0 } sweep)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var group in sweep.GroupBy(p => p.Strategy, StringComparer.Ordinal))
        {
            var fit = report.Scaling?.FirstOrDefault(s => s.Strategy == group.Key);
            var points = group.ToList();

            // The baseline as ScalingSweep chose it: the strategy's own size 1, else sequential.
            var one = points.FirstOrDefault(p => p.Size == 1)?.MedianSeconds;
            var sequential = report.Strategies.FirstOrDefault(s => s.Name == StrategyCatalog.Baseline.Id
                && s.Runtime == PythonTwins.DotnetRuntime)?.MedianSeconds;
            double? baseline = one is > 0 ? one : sequential is > 0 ? sequential : null;
            string? against = one is > 0 ? ScalingSweep.SizeOneBaseline : sequential is > 0 ? ScalingSweep.SequentialBaseline : null;
            text.Append('\n').Append(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key} sweep ({StrategyCatalog.Get(group.Key).Size!.Unit}), speedup vs {against ?? "nothing (no size 1, no sequential)"}:\n"));
            string[] headers = ["size", "median", "speedup"];
            var rows = points.Select(p => new[]
            {
                p.Size.ToString(CultureInfo.InvariantCulture),
                p.MedianSeconds is { } m ? Seconds(m) : "-",
                baseline is { } b && p.MedianSeconds is { } median && Speedup(b, median) is { } x
                    ? string.Create(CultureInfo.InvariantCulture, $"x{x:0.00}")
                    : "-",
            }).ToList();
            var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
            AppendLine(text, headers, widths);
            AppendLine(text, widths.Select(w => new string('-', w)).ToArray(), widths);
            foreach (var row in rows)
            {
                AppendLine(text, row, widths);
            }

            text.Append(fit is null
                ? "Amdahl fit: none (needs speedups at 2 or more sizes, one above 1)\n"
                : string.Create(CultureInfo.InvariantCulture,
                    $"Amdahl fit: serial fraction {fit.SerialFraction:0.000}, speedup limit {(fit.SpeedupLimit is { } limit ? "x" + limit.ToString("0.0", CultureInfo.InvariantCulture) : "none in sight")}, r2 {fit.R2:0.000}\n"));
        }

        return text.ToString();
    }

    private static string[] Row(BenchStrategyReport strategy, BenchStrategyReport? sequential)
    {
        var speedup = sequential is null
            ? null
            : Speedup(sequential.MedianSeconds, strategy.MedianSeconds);
        return
        [
            strategy.Runtime == PythonTwins.PythonRuntime ? strategy.Name + " (python)" : strategy.Name,
            Seconds(strategy.MedianSeconds),
            MinMax(strategy.WallSeconds),
            speedup is { } x ? string.Create(CultureInfo.InvariantCulture, $"x{x:0.00}") : "-",
            Seconds(strategy.CpuSeconds),
            strategy.Lanes.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{strategy.TasksOk}/{strategy.TasksFailed}"),
            Explain.RunLimits.Percent(strategy.OfLimit),
            strategy.OutputCheck,
        ];
    }

    /// <summary>"0.101-0.120 s": the range of the measured repetitions, the unit written once when both share it.</summary>
    public static string MinMax(IReadOnlyList<double> seconds)
    {
        var min = Seconds(seconds.Min());
        var max = Seconds(seconds.Max());
        var unit = max[max.LastIndexOf(' ')..];
        return min.EndsWith(unit, StringComparison.Ordinal) ? $"{min[..^unit.Length]}-{max}" : $"{min}-{max}";
    }

    /// <summary>The one seconds format, <see cref="SecondsText.Format"/> (kept by this name for the bench's progress lines).</summary>
    public static string Seconds(double seconds) => SecondsText.Format(seconds);

    /// <summary>
    /// <see cref="Engine.Statistics.Speedup"/>'s rule, median(sequential) / median(this), read back
    /// from the report's medians (which came from <see cref="RunStatistics"/>); null when either is not positive.
    /// </summary>
    private static double? Speedup(double baselineSeconds, double seconds) =>
        baselineSeconds > 0 && seconds > 0 ? baselineSeconds / seconds : null;

    private static void AppendLine(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            // The check column is free text: no padding after it.
            text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        text.Append('\n');
    }
}
