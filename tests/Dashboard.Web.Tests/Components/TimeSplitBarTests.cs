using Bunit;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Shared;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Components;

/// <summary>"Where the time went": each row's figures agree (parts add up to the stated total, shares to 100 %).</summary>
public sealed class TimeSplitBarTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static TaskSpan Span(int task, double start, double end, double cpu, double ready) =>
        new(task, new Lane(1, task), start, end, TaskStatus.Ok, "ok") { Cpu = cpu, Ready = ready };

    [Fact]
    public void Row_ThreeEqualParts_SharesAddUpTo100_StartupAndTransferOnlyWhenPresent()
    {
        var even = new TimeSplitRow(StrategyIds.Threads, new TimeSplit(1, 1, 1, 0, 0));
        Assert.Equal(["cpu", "ready", "wait"], even.Parts.Select(p => p.Part.Id));
        Assert.Equal([34, 33, 33], even.Parts.Select(p => p.Percent));
        Assert.Equal("Total 3.00 s: CPU 1.00 s (34%) · Ready 1.00 s (33%) · Waiting 1.00 s (33%)", even.Text);

        var processes = new TimeSplitRow(StrategyIds.Processes, new TimeSplit(0.5, 0, 0.2, 0.29, 0.01));
        Assert.Equal(["cpu", "ready", "wait", "startup", "transfer"], processes.Parts.Select(p => p.Part.Id));
        Assert.Equal([50, 0, 20, 29, 1], processes.Parts.Select(p => p.Percent));
        Assert.Equal(1.0, processes.Total, 9);
        Assert.Equal("Ready 0.00 ms (0%)", processes.Parts[1].Text);

        var tiny = new TimeSplitRow(StrategyIds.Sequential, new TimeSplit(0.001, 0, 0.999, 0, 0));
        Assert.Equal("Total 1.00 s: CPU 1.00 ms (<1%) · Ready 0.00 ms (0%) · Waiting 0.999 s (100%)", tiny.Text);
    }

    [Fact]
    public void Render_TwoRepetitions_TheMeanSplit_PartsAddUpToTheTotalItStates()
    {
        // Repetition 0: 0.3 s cpu, 0.1 ready, 0.6 wait. Repetition 1: 0.5, 0.1, 0.4. Warmup ignored.
        var warmup = new StrategyResult(StrategyIds.Sequential, -1, 9, 9, 1, 1, 0, "ok", 1, [Span(0, 0, 9, 9, 0)]);
        var first = new StrategyResult(StrategyIds.Sequential, 0, 1, 0.3, 1, 1, 0, "ok", 1, [Span(0, 0, 1, 0.3, 0.1)]);
        var second = new StrategyResult(StrategyIds.Sequential, 1, 1, 0.5, 1, 2, 0, "ok", 1, [Span(0, 0, 0.5, 0.2, 0), Span(1, 0.5, 1, 0.3, 0.1)]);

        var cut = _ctx.Render<TimeSplitBar>(p => p.Add(x => x.Results, [warmup, first, second]));

        var row = cut.Find("[data-test=time-split-row-sequential]");
        Assert.Equal("1", row.GetAttribute("data-total"));
        var figures = row.QuerySelectorAll("[data-part]").Select(f => (f.GetAttribute("data-part"), f.TextContent)).ToList();
        Assert.Equal([("cpu", "CPU 0.400 s (40%)"), ("ready", "Ready 0.100 s (10%)"), ("wait", "Waiting 0.500 s (50%)")], figures);
        Assert.StartsWith("Total 1.00 s:", row.QuerySelector(".split-text")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(3, row.QuerySelectorAll(".split-part").Length);
        Assert.Equal(5, cut.FindAll("[data-test=time-split-legend] li").Count);
    }

    [Fact]
    public void Render_NoMeasuredSplit_NothingShown()
    {
        var unmeasured = new StrategyResult(StrategyIds.Sequential, 0, 1, 0.3, 1, 1, 0, "ok", 1, [new TaskSpan(0, new Lane(1, 1), 0, 1, TaskStatus.Ok)]);

        var cut = _ctx.Render<TimeSplitBar>(p => p.Add(x => x.Results, [unmeasured]));

        Assert.Empty(cut.FindAll("[data-test=time-split]"));
    }
}
