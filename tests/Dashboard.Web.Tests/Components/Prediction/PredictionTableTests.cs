using Bunit;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Prediction;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Components.Prediction;

/// <summary>"Predicted vs measured" on a finished run: each row's figures agree with the run's results and the error is theirs.</summary>
public sealed class PredictionTableTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    // Ten 0.1 s waits one after another.
    private static StrategyResult Sequential() => new(StrategyIds.Sequential, 0, 1.0, 0, 1, 10, 0, "ok", 1,
        [.. Enumerable.Range(0, 10).Select(i => new TaskSpan(i, new Lane(1, 1), i * 0.1, (i + 1) * 0.1, TaskStatus.Ok, "ok") { Cpu = 0, Ready = 0 })]);

    private static StrategyResult Measured(string strategy, double wall) => new(strategy, 0, wall, 0, 10, 10, 0, "ok", 1, []);

    private IRenderedComponent<PredictionTable> Render(params StrategyResult[] results)
    {
        // A pool of 6 whatever the machine's cores.
        var plan = TestRuns.Plan(new HelloParameters(10, "x", 100), [.. results.Select(r => r.Strategy)]) with { Options = new StrategyOptions(ThreadPoolSize: 6) };
        var run = TestRuns.Summary(7, plan, RunState.Completed) with { Results = results };
        return _ctx.Render<PredictionTable>(p => p.Add(x => x.Model, LiveRunModel.FromStored(run)));
    }

    [Fact]
    public void Render_FinishedRunWithSequential_RowPerOtherStrategyWithPredictedMeasuredError()
    {
        var cut = Render(Sequential(), Measured(StrategyIds.Threads, 0.125), Measured(StrategyIds.ThreadPool, 0.2));

        Assert.Equal("Predicted vs measured", cut.Find("#prediction-heading").TextContent);
        var threads = cut.Find("[data-test=prediction-row-threads]");
        Assert.Equal(("0.1", "0.125", "-0.2"), (threads.GetAttribute("data-predicted"), threads.GetAttribute("data-measured"), threads.GetAttribute("data-error")));
        Assert.Equal(["threads", "0.100 s", "0.125 s", "−20%"], threads.QuerySelectorAll("th, td.num").Select(c => c.TextContent.Trim()));
        // A pool of 6 on 10 tasks: two rounds of 0.1 s, as measured.
        var pool = cut.Find("[data-test=prediction-row-threadpool]");
        Assert.Equal(("0.2", "0"), (pool.GetAttribute("data-predicted"), pool.GetAttribute("data-error")));
        Assert.Empty(cut.FindAll("[data-test=prediction-row-sequential]"));
        Assert.Equal("|error| over 2 strategies: median 10%, worst 20%.", cut.Find("[data-test=prediction-summary]").TextContent);
        Assert.Contains("1.00 s of waiting", cut.Find("[data-test=prediction-basis]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithTheSharedAnalysisInput_ShowsTheSameRowsAsComputedHere()
    {
        var results = new[] { Sequential(), Measured(StrategyIds.Threads, 0.125), Measured(StrategyIds.ThreadPool, 0.2) };
        var plan = TestRuns.Plan(new HelloParameters(10, "x", 100), [.. results.Select(r => r.Strategy)]) with { Options = new StrategyOptions(ThreadPoolSize: 6) };
        var model = LiveRunModel.FromStored(TestRuns.Summary(7, plan, RunState.Completed) with { Results = results });
        var analysis = Dashboard.Web.Explain.RunAnalysis.Of(plan, null, results);

        // The live page hands over its one analysis' input instead of the table computing the statistics again.
        var shared = _ctx.Render<PredictionTable>(p => p.Add(x => x.Model, model).Add(x => x.Input, analysis.Input));
        var own = _ctx.Render<PredictionTable>(p => p.Add(x => x.Model, model));

        var threads = shared.Find("[data-test=prediction-row-threads]");
        Assert.Equal(("0.1", "0.125", "-0.2"), (threads.GetAttribute("data-predicted"), threads.GetAttribute("data-measured"), threads.GetAttribute("data-error")));
        Assert.Equal(own.Find("[data-test=prediction]").OuterHtml, shared.Find("[data-test=prediction]").OuterHtml);
    }

    [Fact]
    public void Render_NoSequential_SaysItIsNeeded()
    {
        var cut = Render(Measured(StrategyIds.Threads, 0.125));

        Assert.Empty(cut.FindAll("[data-test=prediction]"));
        Assert.Contains("needs sequential", cut.Find("[data-test=prediction-needs-sequential]").TextContent, StringComparison.Ordinal);
    }
}
