using System.Globalization;
using CsvHelper;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Exports;

/// <summary>
/// CSV exports of a run, written by CsvHelper (RFC 4180: comma separated, CRLF rows, quotes doubled
/// inside quoted fields; numbers in the invariant culture with "." decimals, statistics as shortest
/// round-trip values, span times rounded to the microsecond; empty field = not available; text cells
/// that start like a formula escaped).
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
        ["strategy", "repetition", "task", "pid", "tid", "start_s", "end_s", "duration_s", "status", "detail",
            "cpu_s", "ready_s", "wait_s", "transfer_s"];

    /// <summary>
    /// RFC 4180 with CRLF rows, numbers in the invariant culture (doubles as shortest round-trip text),
    /// and OWASP's advice against CSV injection: a text cell starting with = + - @, a tab or a carriage
    /// return gets a leading single quote (and quotes around it), so Excel, LibreOffice and Sheets show
    /// it as text instead of running it (=HYPERLINK(...), @SUM(...), -2+3+cmd|' /C calc'!A0). CsvHelper
    /// applies this to text only, so numbers (a warmup's repetition -1) stay numbers.
    /// </summary>
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        FormatProvider = CultureInfo.InvariantCulture,
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
    };

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
        using var csv = CsvWriter.Create(writer, Options, leaveOpen: true);
        csv.WriteHeader([.. StatisticsColumns]);
        foreach (var s in RunStatistics.Compute(run.Results))
        {
            var w = s.Wall;
            csv.WriteField(s.Strategy);
            csv.WriteField(s.Repetitions);
            foreach (var value in new[] { w?.Mean, w?.Median, w?.StandardDeviation, w?.Min, w?.Max, w?.ConfidenceLow, w?.ConfidenceHigh, w?.CoefficientOfVariation, w?.MedianAbsoluteDeviation })
            {
                csv.WriteField(value);
            }

            csv.WriteField(w?.Outliers.Count ?? 0);
            csv.WriteField(s.Speedup?.Ratio);
            csv.WriteField(s.Speedup?.Error);
            csv.WriteField(s.MedianCpuSeconds);
            csv.WriteField(s.MaxLanes);
            csv.WriteField(s.TasksOk);
            csv.WriteField(s.TasksFailed);
            csv.WriteField(s.OutputCheck);
            csv.WriteField(string.Join(" ", s.Warnings));
            csv.EndRecord();
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
        using var csv = CsvWriter.Create(writer, Options, leaveOpen: true);
        csv.WriteHeader([.. SpanColumns]);
        foreach (var result in run.Results)
        {
            foreach (var span in result.Spans)
            {
                csv.WriteField(result.Strategy);
                csv.WriteField(result.Repetition);
                csv.WriteField(span.Task);
                csv.WriteField(span.Lane.ProcessId);
                csv.WriteField(span.Lane.ThreadId);
                csv.WriteField(Microseconds(span.Start));
                csv.WriteField(Microseconds(span.End));
                csv.WriteField(Microseconds(span.End - span.Start));
                csv.WriteField(StatusText(span.Status));
                WriteDetail(csv, span.Detail);
                WriteSeconds(csv, span.Cpu);
                WriteSeconds(csv, span.Ready);
                WriteSeconds(csv, span.Wait);
                WriteSeconds(csv, span.Transfer);
                csv.EndRecord();
            }
        }
    }

    /// <summary>Seconds to the microsecond, or an empty field when not measured.</summary>
    private static void WriteSeconds(CsvWriter csv, double? seconds)
    {
        if (seconds is { } value)
        {
            csv.WriteField(Microseconds(value));
        }
        else
        {
            csv.WriteField((string?)null);
        }
    }

    /// <summary>
    /// A detail that is a plain number ("-3", "-0.25") is written as that number, not escaped: it
    /// cannot be a formula and a quote would turn a number into text. CsvHelper escapes text only, so
    /// it goes in as a double (shortest round-trip text: "+1.5e3" becomes 1500, the value a spreadsheet
    /// reads either way). "-Infinity" and "NaN" are not plain numbers and stay text.
    /// </summary>
    private static void WriteDetail(CsvWriter csv, string? detail)
    {
        if (detail is { Length: > 0 } && detail[0] is '+' or '-' &&
            double.TryParse(detail, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            csv.WriteField(number);
        }
        else
        {
            csv.WriteField(detail);
        }
    }

    /// <summary>
    /// Seconds to the microsecond: the clock's useful resolution for a span, and what a person reads
    /// ("0.755315", not "0.7553149809999999").
    /// </summary>
    internal static double Microseconds(double seconds) => Math.Round(seconds, 6, MidpointRounding.AwayFromZero);

    internal static string StatusText(Engine.Running.TaskStatus status) => status switch
    {
        Engine.Running.TaskStatus.Ok => "ok",
        Engine.Running.TaskStatus.Failed => "failed",
        Engine.Running.TaskStatus.Cancelled => "cancelled",
        _ => status.ToString().ToLowerInvariant(),
    };
}
