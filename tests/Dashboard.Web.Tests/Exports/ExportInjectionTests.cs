using Dashboard.Engine.Running;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Exports;

/// <summary>CSV cells that a spreadsheet would run, Markdown that a renderer would turn into markup.</summary>
public sealed class ExportInjectionTests
{
    /// <summary>Mixed, with the first span of the first repetition carrying <paramref name="detail"/>.</summary>
    private static RunSummary WithDetail(string detail)
    {
        var run = ExportTestRuns.Mixed();
        var first = run.Results[0];
        var spans = first.Spans.ToList();
        spans[0] = spans[0] with { Detail = detail };
        return run with { Results = [first with { Spans = spans }, .. run.Results.Skip(1)] };
    }

    private static string FirstDetailCell(RunSummary run) => Rfc4180.Parse(RunCsv.Spans(run))[1][9];

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void Spans_DetailStartingLikeAFormula_GetsALeadingQuote(string detail)
    {
        Assert.Equal("'" + detail, FirstDetailCell(WithDetail(detail)));
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("-0.25")]
    [InlineData("HTTP 500 = failure")]
    [InlineData("ok")]
    [InlineData("")]
    public void Spans_PlainNumberOrHarmlessText_IsLeftAsIs(string detail)
    {
        Assert.Equal(detail, FirstDetailCell(WithDetail(detail)));
    }

    [Fact]
    public void Spans_DetailThatIsANumberInAnotherForm_IsWrittenAsThatNumber()
    {
        Assert.Equal("1500", FirstDetailCell(WithDetail("+1.5e3")));
    }

    [Fact]
    public void Spans_NegativeNumberDetail_IsNotQuotedInTheFile()
    {
        var csv = RunCsv.Spans(WithDetail("-3"));

        Assert.Contains(",-3,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Spans_WarmupRepetition_StaysANegativeNumber()
    {
        var rows = Rfc4180.Parse(RunCsv.Spans(ExportTestRuns.Mixed()));

        Assert.Equal("-1", rows[1][1]);
    }

    [Theory]
    [InlineData("-Infinity", "'-Infinity")]
    [InlineData("NaN", "NaN")]
    [InlineData("@x", "'@x")]
    public void Spans_NumberLikeWords_AreTextAndEscapedWhenFormulaLike(string detail, string expected)
    {
        Assert.Equal(expected, FirstDetailCell(WithDetail(detail)));
    }

    [Fact]
    public void Statistics_StrategyNameStartingLikeAFormula_GetsALeadingQuote()
    {
        var run = ExportTestRuns.Mixed();
        run = run with { Results = [.. run.Results.Select(r => r.Strategy == "sequential" ? r with { Strategy = "=cmd" } : r)] };

        var rows = Rfc4180.Parse(RunCsv.Statistics(run));

        Assert.Contains(rows, row => row[0] == "'=cmd");
        Assert.DoesNotContain(rows, row => row[0] == "=cmd");
    }

    [Fact]
    public void Summary_ScriptLabel_RendersAsText()
    {
        var md = RunMarkdown.Summary(ExportTestRuns.Mixed(label: "<script>alert(1)</script>"));

        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.Contains("Label: &lt;script&gt;alert(1)&lt;/script&gt;", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_LinkLabel_RendersAsText()
    {
        var md = RunMarkdown.Summary(ExportTestRuns.Mixed(label: "[x](javascript:alert(1)) ![i](http://e/i.png)"));

        Assert.DoesNotContain("[x](", md, StringComparison.Ordinal);
        Assert.Contains(@"Label: \[x\](javascript:alert(1)) \!\[i\](http://e/i.png)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_PipesAndEmphasisInLabel_AreEscaped()
    {
        var md = RunMarkdown.Summary(ExportTestRuns.Mixed(label: "| a | **b** _c_ `d` &amp;"));

        Assert.Contains(@"Label: \| a \| \*\*b\*\* \_c\_ \`d\` &amp;amp;", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_LabelWithLineBreak_StaysOnItsLine()
    {
        var md = RunMarkdown.Summary(ExportTestRuns.Mixed(label: "one\n# heading"));

        Assert.Contains(@"Label: one \# heading", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_HostileRunError_IsEscaped()
    {
        var md = RunMarkdown.Summary(ExportTestRuns.Mixed() with { Error = "<img src=x onerror=alert(1)>" });

        Assert.Contains("Error: &lt;img src=x onerror=alert(1)&gt;", md, StringComparison.Ordinal);
    }
}
