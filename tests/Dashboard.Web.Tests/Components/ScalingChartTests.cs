using Bunit;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Tests.Components;

/// <summary>The sweep's chart: measured speedups, the Amdahl fit and the ideal line, with a data table.</summary>
public sealed class ScalingChartTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>T(n) = 0.2 + 0.8 / n: Amdahl with f = 0.2.</summary>
    private static IReadOnlyList<ScalingCurve> Curves() => ScalingSweep.Compute(RunStatistics.Compute(new StrategyResult[]
    {
        TestRuns.Result(StrategySizes.Key(StrategyIds.ThreadPool, 1), wall: 1.0, cpu: 1, lanes: 1, ok: 8),
        TestRuns.Result(StrategySizes.Key(StrategyIds.ThreadPool, 2), wall: 0.6, cpu: 1, lanes: 2, ok: 8),
        TestRuns.Result(StrategySizes.Key(StrategyIds.ThreadPool, 4), wall: 0.4, cpu: 1, lanes: 4, ok: 8),
    }));

    [Fact]
    public void Render_CpuSweep_DrawsMeasuredFitAndIdealWithATableRowPerSize()
    {
        var cut = _ctx.Render<ScalingChart>(p => p.Add(x => x.Curves, Curves()));

        var chart = cut.Find("[data-test=chart-scaling]");
        Assert.Equal(StrategyIds.ThreadPool, chart.GetAttribute("data-strategy"));
        Assert.Equal("Thread pool: speedup vs workers", cut.Find(".chart-title").TextContent);
        Assert.Contains("fit: serial fraction 0.200, limit ×5.0, r² 1.00", cut.Find("[data-test=scaling-caption]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Workers", "measured", "Amdahl fit (f = 0.200)", "ideal (= size)"], cut.FindAll("thead th").Select(th => th.TextContent));
        var rows = cut.FindAll("tbody tr");
        Assert.Equal(["1", "2", "4"], rows.Select(r => r.Children[0].TextContent));
        Assert.Equal(["4", "2.5", "2.5", "4"], rows[2].Children.Select(c => c.TextContent));
        Assert.StartsWith("Line chart: Thread pool: speedup vs workers. 1: measured 1,", cut.Find("[role=img]").GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IoSweep_LeavesTheFitOut()
    {
        var cut = _ctx.Render<ScalingChart>(p => p.Add(x => x.Curves, Curves()).Add(x => x.DrawFit, false));

        Assert.Equal(["Workers", "measured", "ideal (= size)"], cut.FindAll("thead th").Select(th => th.TextContent));
        Assert.DoesNotContain("serial fraction", cut.Markup, StringComparison.Ordinal);
    }
}
