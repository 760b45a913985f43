using Bunit;
using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Components;
using static Dashboard.Web.Tests.Explain.ExplainRuns;

namespace Dashboard.Web.Tests.Explain;

/// <summary>
/// Explain's phase sentence (the <c>startup-dominates</c> finding): when a strategy's start-up is most
/// of its wall, one line says how much was start-up, named as the race labels it, and what the tasks
/// took; its figures are the ones the page shows.
/// </summary>
public sealed class PhaseSentenceTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    public static TheoryData<string, string> Cases => new()
    {
        { StrategyIds.Cluster, "Cluster: start-up dominates. 9.50 s of 10.4 s was node start (starting and joining the lab nodes, 91%); the tasks took 0.900 s." },
        { StrategyIds.Processes, "Processes: start-up dominates. 9.50 s of 10.4 s was worker start (starting its worker processes, 91%); the tasks took 0.900 s." },
        {
            PythonTwins.Key(StrategyIds.Sequential),
            "Python sequential: start-up dominates. 9.50 s of 10.4 s was interpreter start (starting the Python interpreter and its imports, 91%); the tasks took 0.900 s."
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void StartupMostOfTheWall_OneLineSaysStartupThenTheTasks(string key, string sentence)
    {
        var items = Lines(new HelloParameters(8, "Ada", 200), One(key, 10.4, 0.4, 2, 8, taskSeconds: 0.2, startup: 9.5));

        var line = Assert.Single(items, i => i.Finding == FindingIds.StartupDominates);
        Assert.Equal(sentence, line.Text);
        Assert.Equal(["startupSeconds", "wallSeconds", "tasksSeconds", "share"], line.Inputs.Select(i => i.Key));

        // No other line calls this run's work CPU- or I/O-bound from a wall that is mostly start-up.
        Assert.DoesNotContain(items, i => i.Text.Contains("-bound", StringComparison.Ordinal));
    }

    [Fact]
    public void StartupUnderHalfTheWall_NoPhaseLine()
    {
        var items = Lines(new HelloParameters(8, "Ada", 2_000), One(StrategyIds.Cluster, 6.0, 0.4, 2, 8, taskSeconds: 2.0, startup: 2.9));

        Assert.DoesNotContain(items, i => i.Finding == FindingIds.StartupDominates);
    }

    [Fact]
    public async Task ClusterRun_SentenceFiguresAreTheFiguresThePageShows()
    {
        var plan = TestRuns.Plan(new HelloParameters(8, "Ada", 200), StrategyIds.Cluster);
        var running = TestRuns.Summary(61, plan, RunState.Running);
        _ctx.Queue.Add(running);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 61));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);
        _ctx.Feed.Publish(new RunFeedSnapshot(61, running, [TestRuns.Started(StrategyIds.Cluster, 8)], 1));

        var result = One(StrategyIds.Cluster, 10.4, 0.4, 2, 8, taskSeconds: 0.2, startup: 9.5);
        var finished = TestRuns.Summary(61, plan, RunState.Completed, results: [result]);
        _ctx.Feed.Publish(new RunFeedBatch(61, [TestRuns.Completed(result)], finished));
        _ctx.Feed.Complete(61);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-test=explain-item][data-rule=startup-dominates]")), Wait);
        var sentence = cut.Find("[data-test=explain-item][data-rule=startup-dominates]").TextContent;
        var wallInTable = cut.Find("[data-test=summary-row-cluster] [data-col=median]").TextContent.Trim();
        var wallOnRace = cut.Find("[data-test=race-time-cluster]").TextContent.Trim();
        var startupDrawn = SecondsText.Format(RunShape.FirstStart(result)!.Value); // what the race and the timeline draw as node start
        var tasks = SecondsText.Format(result.WallSeconds - RunShape.FirstStart(result)!.Value);

        Assert.Equal(wallInTable, wallOnRace);
        Assert.Contains($"{startupDrawn} of {wallInTable} was node start", sentence, StringComparison.Ordinal);
        Assert.Contains($"the tasks took {tasks}", sentence, StringComparison.Ordinal);
        Assert.Equal("node start", cut.Find("canvas[data-race=cluster]").GetAttribute("data-startup"));
    }
}
