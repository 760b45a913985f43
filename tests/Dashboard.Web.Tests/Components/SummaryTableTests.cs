using Bunit;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;

namespace Dashboard.Web.Tests.Components;

public sealed class SummaryTableTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Render_ThreeRepetitions_ShowsMediansRangeSpeedupAndFailures()
    {
        var figures = RunFigures.Summarize(
        [
            TestRuns.Result(StrategyIds.Sequential, wall: 4.0, cpu: 3.9, lanes: 1, ok: 16, repetition: 0),
            TestRuns.Result(StrategyIds.Sequential, wall: 4.4, cpu: 4.3, lanes: 1, ok: 16, repetition: 1),
            TestRuns.Result(StrategyIds.Sequential, wall: 4.2, cpu: 4.1, lanes: 1, ok: 16, repetition: 2),
            TestRuns.Result(StrategyIds.Parallel, wall: 2.0, cpu: 4.0, lanes: 2, ok: 16, repetition: 0),
            TestRuns.Result(StrategyIds.Parallel, wall: 2.2, cpu: 4.1, lanes: 2, ok: 15, failed: 1, repetition: 1),
            TestRuns.Result(StrategyIds.Parallel, wall: 2.1, cpu: 4.2, lanes: 2, ok: 16, repetition: 2),
            // A warmup never counts.
            TestRuns.Result(StrategyIds.Parallel, wall: 9.9, cpu: 9.9, lanes: 2, ok: 16, repetition: -1),
        ]);

        var cut = _ctx.Render<SummaryTable>(p => p.Add(x => x.Figures, figures));

        var rows = cut.FindAll("[data-test=summary-table] tbody tr");
        Assert.Equal(2, rows.Count);
        var parallel = cut.Find("[data-test=summary-row-parallel]");
        Assert.Equal("2.10 s", Cell(parallel, "median"));
        Assert.Equal("2.00 s – 2.20 s", Cell(parallel, "range"));
        Assert.Equal("2.0x", Cell(parallel, "speedup"));
        Assert.Equal("4.10 s", Cell(parallel, "cpu"));
        Assert.Equal("47 / 1", Cell(parallel, "tasks"));
        Assert.Contains("fastest", parallel.TextContent, StringComparison.Ordinal);
        Assert.Equal("4.20 s", Cell(cut.Find("[data-test=summary-row-sequential]"), "median"));
        // The Engine's warnings show under the table.
        Assert.Contains(cut.FindAll("[data-test=summary-warning-parallel]"), w => w.TextContent.Contains("1 task failed.", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_OneRepetitionOfEachStrategy_OneRepeatNoteAndSequentialReadsOne()
    {
        var figures = RunFigures.Summarize(
        [
            TestRuns.Result(StrategyIds.Sequential, wall: 4.0, cpu: 3.9, lanes: 1, ok: 16),
            TestRuns.Result(StrategyIds.Threads, wall: 1.0, cpu: 3.9, lanes: 16, ok: 15, failed: 1),
            TestRuns.Result(StrategyIds.Async, wall: 0.5, cpu: 0.4, lanes: 3, ok: 16),
        ]);

        var cut = _ctx.Render<SummaryTable>(p => p.Add(x => x.Figures, figures));

        var note = cut.Find("[data-test=summary-repetitions-note]").TextContent;
        Assert.Contains("One repetition per strategy", note, StringComparison.Ordinal);
        Assert.Contains("Repeat at least 3 times", note, StringComparison.Ordinal);
        Assert.DoesNotContain("Only 1 repetition", cut.Markup, StringComparison.Ordinal);
        // The other warnings stay with their strategy.
        Assert.Contains("1 task failed.", cut.Find("[data-test=summary-warning-threads]").TextContent, StringComparison.Ordinal);
        Assert.Equal("1.0x", Cell(cut.Find("[data-test=summary-row-sequential]"), "speedup"));
        Assert.Equal("4.0x", Cell(cut.Find("[data-test=summary-row-threads]"), "speedup"));
    }

    private static string Cell(AngleSharp.Dom.IElement row, string column) =>
        System.Text.RegularExpressions.Regex.Replace(row.QuerySelector($"[data-col={column}]")!.TextContent, @"\s+", " ").Trim();
}
