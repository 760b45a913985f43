using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Runs;

namespace Dashboard.Web.Exports;

/// <summary>
/// CSV exports of a run (RFC 4180: comma separated, CRLF rows, quotes doubled inside quoted
/// fields; numbers in the invariant culture with "." decimals, seconds as shortest round-trip
/// values; empty field = not available).
/// </summary>
public static class RunCsv
{
    /// <summary>Columns of <see cref="Statistics(RunSummary)"/>.</summary>
    public static IReadOnlyList<string> StatisticsColumns { get; } =
    [
        "strategy", "repetitions", "mean_s", "median_s", "stddev_s", "min_s", "max_s", "ci95_low_s", "ci95_high_s",
        "cv", "mad_s", "outliers", "speedup", "speedup_error", "median_cpu_s", "max_lanes", "tasks_ok", "tasks_failed",
        "output_check", "warnings",
    ];

    /// <summary>Columns of <see cref="Spans(RunSummary)"/>.</summary>
    public static IReadOnlyList<string> SpanColumns { get; } =
        ["strategy", "repetition", "task", "pid", "tid", "start_s", "end_s", "duration_s", "status", "detail"];

    /// <summary>One row per strategy: the statistics of its measured repetitions.</summary>
    public static string Statistics(RunSummary run)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteStatistics(run, writer);
        return writer.ToString();
    }

    /// <inheritdoc cref="Statistics(RunSummary)"/>
    public static void WriteStatistics(RunSummary run, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        CsvText.Row(writer, [.. StatisticsColumns]);
        foreach (var s in RunStatistics.Compute(run.Results))
        {
            var w = s.Wall;
            CsvText.Field(writer, s.Strategy);
            writer.Write(',');
            CsvText.Number(writer, s.Repetitions);
            foreach (var value in new[] { w?.Mean, w?.Median, w?.StandardDeviation, w?.Min, w?.Max, w?.ConfidenceLow, w?.ConfidenceHigh, w?.CoefficientOfVariation, w?.MedianAbsoluteDeviation })
            {
                writer.Write(',');
                CsvText.Number(writer, value);
            }

            writer.Write(',');
            CsvText.Number(writer, w?.Outliers.Count ?? 0);
            writer.Write(',');
            CsvText.Number(writer, s.Speedup?.Ratio);
            writer.Write(',');
            CsvText.Number(writer, s.Speedup?.Error);
            writer.Write(',');
            CsvText.Number(writer, s.MedianCpuSeconds);
            writer.Write(',');
            CsvText.Number(writer, s.MaxLanes);
            writer.Write(',');
            CsvText.Number(writer, s.TasksOk);
            writer.Write(',');
            CsvText.Number(writer, s.TasksFailed);
            writer.Write(',');
            CsvText.Field(writer, s.OutputCheck);
            writer.Write(',');
            CsvText.Field(writer, string.Join(" ", s.Warnings));
            writer.Write(CsvText.NewLine);
        }
    }

    /// <summary>One row per task per strategy repetition (warmups included, with negative repetition numbers).</summary>
    public static string Spans(RunSummary run)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteSpans(run, writer);
        return writer.ToString();
    }

    /// <inheritdoc cref="Spans(RunSummary)"/>
    public static void WriteSpans(RunSummary run, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        CsvText.Row(writer, [.. SpanColumns]);
        foreach (var result in run.Results)
        {
            foreach (var span in result.Spans)
            {
                CsvText.Field(writer, result.Strategy);
                writer.Write(',');
                CsvText.Number(writer, result.Repetition);
                writer.Write(',');
                CsvText.Number(writer, span.Task);
                writer.Write(',');
                CsvText.Number(writer, span.Lane.ProcessId);
                writer.Write(',');
                CsvText.Number(writer, span.Lane.ThreadId);
                writer.Write(',');
                CsvText.Number(writer, span.Start);
                writer.Write(',');
                CsvText.Number(writer, span.End);
                writer.Write(',');
                CsvText.Number(writer, span.End - span.Start);
                writer.Write(',');
                writer.Write(StatusText(span.Status));
                writer.Write(',');
                CsvText.Field(writer, span.Detail);
                writer.Write(CsvText.NewLine);
            }
        }
    }

    internal static string StatusText(Engine.Running.TaskStatus status) => status switch
    {
        Engine.Running.TaskStatus.Ok => "ok",
        Engine.Running.TaskStatus.Failed => "failed",
        Engine.Running.TaskStatus.Cancelled => "cancelled",
        _ => status.ToString().ToLowerInvariant(),
    };
}
