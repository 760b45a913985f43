using Bunit;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;

namespace Dashboard.Web.Tests.Components;

public sealed class RunChartsTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Render_OneRuntime_OneRowOfChartsAndSequentialSpeedupIsOne()
    {
        var figures = RunFigures.Summarize(
        [
            TestRuns.Result(StrategyIds.Sequential, wall: 4.0, cpu: 3.9, lanes: 1, ok: 16),
            TestRuns.Result(StrategyIds.Async, wall: 0.5, cpu: 0.4, lanes: 3, ok: 16),
        ]);

        var cut = _ctx.Render<RunCharts>(p => p.Add(x => x.Figures, figures));

        Assert.Single(cut.FindAll("[data-test=chart-wall]"));
        Assert.Empty(cut.FindAll("[data-test^=charts-runtime-]"));
        var speedup = cut.Find("[data-test=chart-speedup] [data-test=chart-data]").TextContent;
        Assert.Contains("sequential1", Squeeze(speedup), StringComparison.Ordinal);
        Assert.Contains("async8", Squeeze(speedup), StringComparison.Ordinal);
        Assert.Contains("sequential = 1", cut.Find("[data-test=chart-speedup]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BothRuntimes_OneRowPerRuntimeOnItsOwnAxesEachAgainstItsOwnSequential()
    {
        var py = PythonTwins.Key;
        var figures = RunFigures.Summarize(
        [
            TestRuns.Result(StrategyIds.Sequential, wall: 0.11, cpu: 0.1, lanes: 1, ok: 16, taskSeconds: 0.007),
            TestRuns.Result(StrategyIds.Threads, wall: 0.06, cpu: 0.1, lanes: 16, ok: 16, taskSeconds: 0.007),
            TestRuns.Result(py(StrategyIds.Sequential), wall: 24, cpu: 23.9, lanes: 1, ok: 16, taskSeconds: 1.5),
            TestRuns.Result(py(StrategyIds.Threads), wall: 25, cpu: 24.5, lanes: 16, ok: 16, taskSeconds: 1.5),
        ]);

        var cut = _ctx.Render<RunCharts>(p => p.Add(x => x.Figures, figures));

        // .NET first, then Python, each labelled, each with its own unit (ms vs s).
        Assert.Equal(["charts-runtime-dotnet", "charts-runtime-python"], cut.FindAll("[data-test^=charts-runtime-]").Select(e => e.GetAttribute("data-test")));
        Assert.Contains("Wall time per strategy, .NET", cut.Find("[data-test=chart-wall]").TextContent, StringComparison.Ordinal);
        Assert.Contains("median ms", cut.Find("[data-test=chart-wall]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Wall time per strategy, Python", cut.Find("[data-test=chart-wall-python]").TextContent, StringComparison.Ordinal);
        Assert.Contains("median s", cut.Find("[data-test=chart-wall-python]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Python", Squeeze(cut.Find("[data-test=chart-wall] [data-test=chart-data]").TextContent), StringComparison.Ordinal);

        // Each speedup against its own runtime's sequential: .NET threads 0.11 / 0.06, Python threads 24 / 25.
        var dotnet = Squeeze(cut.Find("[data-test=chart-speedup] [data-test=chart-data]").TextContent);
        var python = Squeeze(cut.Find("[data-test=chart-speedup-python] [data-test=chart-data]").TextContent);
        Assert.Contains("sequential1", dotnet, StringComparison.Ordinal);
        Assert.Contains("threads1.833", dotnet, StringComparison.Ordinal);
        Assert.Contains("Pythonsequential1", python, StringComparison.Ordinal);
        Assert.Contains("Pythonthreads0.96", python, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoSequential_SpeedupSaysWhyInsteadOfAPlotOfZeros()
    {
        var figures = RunFigures.Summarize([TestRuns.Result(StrategyIds.Async, wall: 0.5, cpu: 0.4, lanes: 3, ok: 16)]);

        var cut = _ctx.Render<RunCharts>(p => p.Add(x => x.Figures, figures));

        var speedup = cut.Find("[data-test=chart-speedup]");
        Assert.Empty(speedup.QuerySelectorAll("[data-test=chart-data]"));
        Assert.Contains("Tick sequential", speedup.QuerySelector("[data-test=speedup-none]")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-test=chart-wall] [data-test=chart-data]"));
    }

    private static string Squeeze(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", "");
}
