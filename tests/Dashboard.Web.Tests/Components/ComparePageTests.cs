using System.Globalization;
using Bunit;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Compare;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components;

/// <summary>The Compare page over a real SQLite store: ratios, Welch's verdicts, environments, bad ids.</summary>
public sealed class ComparePageTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task Render_TwoRunsWithRepetitions_RatioOfMediansAndWelchVerdictPerStrategy()
    {
        // Sequential doubled with little spread (significant); async is the same within noise.
        await StoreAsync(Run(1, (StrategyIds.Sequential, [1.0, 1.1, 0.9]), (StrategyIds.Async, [0.50, 0.56, 0.44])));
        await StoreAsync(Run(2, (StrategyIds.Sequential, [2.0, 2.2, 1.8]), (StrategyIds.Async, [0.51, 0.44, 0.56])));

        var cut = RenderCompare("1,2");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-test=compare-table]")), Wait);
        Assert.Equal("2", cut.Find("[data-test=ratio-sequential-2]").GetAttribute("data-ratio"));
        Assert.Equal("2.00×", cut.Find("[data-test=ratio-sequential-2]").TextContent.Trim());
        Assert.Equal(RunComparisonTable.Significant, cut.Find("[data-test=significance-sequential-2]").GetAttribute("data-verdict"));
        Assert.Equal("1.02", cut.Find("[data-test=ratio-async-2]").GetAttribute("data-ratio"));
        Assert.Equal(RunComparisonTable.NotSignificant, cut.Find("[data-test=significance-async-2]").GetAttribute("data-verdict"));
        Assert.Contains("p = ", cut.Find("[data-test=significance-async-2]").TextContent, StringComparison.Ordinal);

        // Both runs on the same charts, and each run's environment.
        Assert.Equal("2", cut.Find("[data-test=compare]").GetAttribute("data-runs"));
        Assert.NotNull(cut.Find("[data-test=compare-chart-wall] svg"));
        Assert.NotNull(cut.Find("[data-test=compare-chart-speedup] svg"));
        Assert.Contains(".NET", cut.Find("[data-test=compare-env-1]").TextContent, StringComparison.Ordinal);
        Assert.Contains("not recorded", cut.Find("[data-test=compare-env-2]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SingleRepetitionRuns_SaysNotEnoughRepetitions()
    {
        await StoreAsync(Run(1, (StrategyIds.Sequential, [1.0])));
        await StoreAsync(Run(2, (StrategyIds.Sequential, [3.0])));

        var cut = RenderCompare("1,2");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-test=compare-table]")), Wait);
        Assert.Equal("3", cut.Find("[data-test=ratio-sequential-2]").GetAttribute("data-ratio"));
        Assert.Equal(RunComparisonTable.NotEnoughRepetitions, cut.Find("[data-test=significance-sequential-2]").TextContent.Trim());
    }

    [Fact]
    public async Task Render_FourRuns_OneRatioColumnPerRunAgainstTheBaseline()
    {
        for (var id = 1; id <= 4; id++)
        {
            await StoreAsync(Run(id, (StrategyIds.Sequential, [id * 1.0, id * 1.0 + 0.1])));
        }

        var cut = RenderCompare("2,1,3,4");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-test=compare-table]")), Wait);
        Assert.Equal("4", cut.Find("[data-test=compare]").GetAttribute("data-runs"));
        Assert.Empty(cut.FindAll("[data-test=ratio-sequential-2]"));
        Assert.Equal("0.5122", cut.Find("[data-test=ratio-sequential-1]").GetAttribute("data-ratio"));
        Assert.Equal("1.9756", cut.Find("[data-test=ratio-sequential-4]").GetAttribute("data-ratio"));
    }

    [Theory]
    [InlineData("1", "Only 1 distinct run given")]
    [InlineData("1,1", "Only 1 distinct run given")]
    [InlineData("1,2,3,4,5", "at most 4 runs")]
    [InlineData("1,x", "'x' is not a run id")]
    [InlineData("1,-2", "'-2' is not a run id")]
    [InlineData("1,77", "There is no run 77 ")]
    [InlineData("1,77,78", "There are no runs 77, 78")]
    public async Task Render_BadIds_SaysWhatIsWrongAndShowsNoTable(string ids, string message)
    {
        await StoreAsync(Run(1, (StrategyIds.Sequential, [1.0, 1.1])));
        await StoreAsync(Run(2, (StrategyIds.Sequential, [1.0, 1.1])));

        var cut = RenderCompare(ids);

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("[data-test=compare-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-test=compare-table]"));
    }

    [Fact]
    public void Render_NoIds_AsksToPickRuns()
    {
        var cut = _ctx.Render<ComparePage>();

        cut.WaitForAssertion(() => Assert.Contains("Pick 2 to 4 runs", cut.Find("[data-test=compare-error]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Render_RunStillRunning_SaysItHasNotFinished()
    {
        await StoreAsync(Run(1, (StrategyIds.Sequential, [1.0, 1.1])));
        _ctx.Queue.Add(TestRuns.Summary(2, TestRuns.Plan(new HelloParameters(3), StrategyIds.Sequential), RunState.Running));

        var cut = RenderCompare("1,2");

        cut.WaitForAssertion(() => Assert.Contains("Run 2 has not finished yet", cut.Find("[data-test=compare-error]").TextContent, StringComparison.Ordinal), Wait);
    }

    /// <summary>The page as the router gives it: the ids come from the query string.</summary>
    private IRenderedComponent<ComparePage> RenderCompare(string ids)
    {
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/compare?ids=" + Uri.EscapeDataString(ids));
        return _ctx.Render<ComparePage>();
    }

    private async Task StoreAsync(RunSummary run) =>
        await _ctx.Store.SaveAsync(run, run.Id == 1 ? RunEnvironment.Capture("http://127.0.0.1:5000/sim/") : null, imported: false, CancellationToken.None);

    /// <summary>A completed hello run whose strategies' measured repetitions took the given wall times.</summary>
    private static RunSummary Run(long id, params (string Strategy, double[] Walls)[] strategies)
    {
        var repeat = strategies.Max(s => s.Walls.Length);
        var plan = new RunPlan(new HelloParameters(2, "Ada", 10), strategies.Select(s => s.Strategy).ToArray(), repeat, 0);
        var results = strategies
            .SelectMany(s => s.Walls.Select((wall, rep) => new StrategyResult(s.Strategy, rep, wall, wall / 2, 1, 2, 0, "ok", 1_000,
                [new TaskSpan(0, new Lane(100, 1), 0, wall / 2, Engine.Running.TaskStatus.Ok), new TaskSpan(1, new Lane(100, 1), wall / 2, wall, Engine.Running.TaskStatus.Ok)])))
            .ToArray();
        var created = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero).AddMinutes(id);
        return new RunSummary(id, string.Create(CultureInfo.InvariantCulture, $"run {id}"), plan, RunState.Completed, null,
            created, created.AddSeconds(1), created.AddSeconds(20), null, results);
    }
}
