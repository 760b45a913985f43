using System.Globalization;
using Dashboard.Web.Exports;

namespace Dashboard.Web.Tests.Exports;

public sealed class RunCsvTests
{
    [Fact]
    public void Spans_MixedRun_OneRowPerSpanWithExactValues()
    {
        var run = ExportTestRuns.Mixed();

        var rows = Rfc4180.Parse(RunCsv.Spans(run));

        Assert.Equal(RunCsv.SpanColumns, rows[0]);
        var expected = run.Results.SelectMany(r => r.Spans.Select(s => (r, s))).ToArray();
        Assert.Equal(expected.Length, rows.Count - 1);
        for (var i = 0; i < expected.Length; i++)
        {
            var (result, span) = expected[i];
            var row = rows[i + 1];
            Assert.Equal(result.Strategy, row[0]);
            Assert.Equal(result.Repetition, int.Parse(row[1], CultureInfo.InvariantCulture));
            Assert.Equal(span.Task, int.Parse(row[2], CultureInfo.InvariantCulture));
            Assert.Equal(span.Lane.ProcessId, int.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(span.Lane.ThreadId, int.Parse(row[4], CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(span.Start, 6), double.Parse(row[5], CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(span.End, 6), double.Parse(row[6], CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(span.End - span.Start, 6), double.Parse(row[7], CultureInfo.InvariantCulture), 9);
            Assert.Equal(span.Status.ToString().ToLowerInvariant(), row[8]);
            Assert.Equal(span.Detail ?? "", row[9]);
        }
    }

    [Fact]
    public void Spans_TimesWithFloatingPointTails_RoundedToTheMicrosecond()
    {
        var run = ExportTestRuns.Mixed();
        var first = run.Results[0];
        var span = first.Spans[0] with { Start = 0.1000000000000001, End = 0.8553149809999999 };
        run = run with { Results = [first with { Spans = [span, .. first.Spans.Skip(1)] }, .. run.Results.Skip(1)] };

        var row = Rfc4180.Parse(RunCsv.Spans(run))[1];

        Assert.Equal(["0.1", "0.855315", "0.755315"], row.Skip(5).Take(3));
    }

    [Fact]
    public void Spans_DetailWithCommaQuoteAndNewline_IsQuotedPerRfc4180()
    {
        var csv = RunCsv.Spans(ExportTestRuns.Mixed());

        Assert.Contains(",failed,\"HTTP 503, \"\"busy\"\"\nretry later\",", csv, StringComparison.Ordinal);
        Assert.Contains(Rfc4180.Parse(csv), row => row[9] == "HTTP 503, \"busy\"\nretry later");
    }

    [Fact]
    public void Statistics_MixedRun_OneRowPerStrategyMatchingTheStatistics()
    {
        var run = ExportTestRuns.Mixed();

        var rows = Rfc4180.Parse(RunCsv.Statistics(run));

        Assert.Equal(RunCsv.StatisticsColumns, rows[0]);
        Assert.Equal(["sequential", "threads", "async", "processes"], rows.Skip(1).Select(r => r[0]));
        var column = RunCsv.StatisticsColumns.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index);
        var sequential = rows[1];
        var threads = rows[2];

        // Sequential measured walls 0.4 and 0.41 (warmup 0.39 excluded): mean 0.405, sd = 0.01/√2.
        Assert.Equal("2", sequential[column["repetitions"]]);
        Assert.Equal(0.405, double.Parse(sequential[column["mean_s"]], CultureInfo.InvariantCulture), 12);
        Assert.Equal(0.01 / Math.Sqrt(2), double.Parse(sequential[column["stddev_s"]], CultureInfo.InvariantCulture), 12);
        Assert.Equal("", sequential[column["speedup"]]);

        // Threads: mean (0.12 + 0.13) / 2 = 0.125, speedup 0.405 / 0.125 = 3.24; 1 failed task per repetition.
        Assert.Equal(3.24, double.Parse(threads[column["speedup"]], CultureInfo.InvariantCulture), 12);
        Assert.Equal("2", threads[column["tasks_failed"]]);
        Assert.Contains("2 tasks failed.", threads[column["warnings"]], StringComparison.Ordinal);
    }
}
