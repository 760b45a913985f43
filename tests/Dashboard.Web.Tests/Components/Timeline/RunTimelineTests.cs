using System.Text.Json;
using Bunit;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Components.Timeline;

/// <summary>
/// RunTimeline's side of the data path: one canvas per strategy, and each message the page hands over
/// (<see cref="TimelineFeed"/>: the page's one subscription) sent to the browser module in one packed
/// call. The drawing itself is tested in real Chromium (E2E).
/// </summary>
public sealed class RunTimelineTests : IAsyncLifetime
{
    private const long RunId = 7;
    private readonly BunitContext _context = new();
    private readonly TimelineFeed _feed = new(RunId);
    private readonly BunitJSModuleInterop _module;
    private readonly BunitJSModuleInterop _view;

    public RunTimelineTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        _context.Services.AddSingleton<Dashboard.Web.Storage.RunTallyCache>();
        _module = _context.JSInterop.SetupModule(RunTimeline.ModulePath);
        _view = _module.SetupModule(invocation => invocation.Identifier == "createRunView");
        _view.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public async Task Snapshot_KnownPlan_RendersOneCanvasPerStrategyAndSendsItsEvents()
    {
        var cut = _context.Render<RunTimeline>(p => p.Add(c => c.RunId, RunId).Add(c => c.Feed, _feed));

        var plan = TestRuns.Plan(new HelloParameters(Tasks: 2), StrategyIds.Sequential, StrategyIds.Async);
        await Publish(new RunFeedSnapshot(RunId, TestRuns.Summary(RunId, plan, RunState.Running),
            [TestRuns.Started(StrategyIds.Sequential, 2), TestRuns.Task(StrategyIds.Sequential, 0, "started")], 2));

        cut.WaitForAssertion(() =>
        {
            var canvases = cut.FindAll("canvas[data-strategy]");
            Assert.Equal(["timeline-sequential", "timeline-async"], canvases.Select(c => c.GetAttribute("data-test")));
        }, TimeSpan.FromSeconds(30));
        await CalledAsync("addRows", 1);

        var rows = Rows(_view.Invocations["addRows"][0]);
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal(0, rows[0][0].GetInt32());                  // strategy-started
        Assert.Equal(2, rows[0][9].GetInt32());                  // its task count
        Assert.Equal(1, rows[1][0].GetInt32());                  // a task event
        Assert.Equal(1, rows[1][4].GetInt32());                  // started
        Assert.Equal("100:1", rows[1][7].GetString());           // its lane
    }

    [Fact]
    public async Task Batches_WhileRunning_EachGoesOverInOneCallInOrderThenFinish()
    {
        _context.Render<RunTimeline>(p => p.Add(c => c.RunId, RunId).Add(c => c.Feed, _feed));
        var plan = TestRuns.Plan(new HelloParameters(Tasks: 3), StrategyIds.Sequential);
        await Publish(new RunFeedSnapshot(RunId, TestRuns.Summary(RunId, plan, RunState.Running), [], 0));

        await Publish(new RunFeedBatch(RunId, [TestRuns.Started(StrategyIds.Sequential, 3), TestRuns.Task(StrategyIds.Sequential, 0, "started")], null));
        await Publish(new RunFeedBatch(RunId,
            [TestRuns.Task(StrategyIds.Sequential, 0, "completed", 0.1), TestRuns.Task(StrategyIds.Sequential, 1, "started", 0.1), TestRuns.Task(StrategyIds.Sequential, 1, "failed", 0.2)], null));
        var result = TestRuns.Result(StrategyIds.Sequential, wall: 0.3, cpu: 0.01, lanes: 1, ok: 1, failed: 1);
        await Publish(new RunFeedBatch(RunId, [TestRuns.Completed(result)], TestRuns.Summary(RunId, plan, RunState.Completed, results: [result])));

        await CalledAsync("finish", 1);
        Assert.Equal("completed", _view.Invocations["finish"][0].Arguments[0]);
        // The snapshot had no events, so no call for it: one call per batch, in feed order.
        var calls = _view.Invocations["addRows"].Select(Rows).ToList();
        Assert.Equal([2, 3, 1], calls.Select(r => r.GetArrayLength()));
        Assert.Equal([3, 1, 4], calls[1].EnumerateArray().Select(r => r[4].GetInt32())); // completed, started, failed
        Assert.Equal(0.3, calls[2][0][10].GetDouble());          // the repetition's wall time
        Assert.Equal("failed", calls[2][0][11].GetString()); // one task failed
    }

    [Fact]
    public async Task End_HeldUntilThePagesResultsAreShown_ThenEveryMessageGoesOverInOrder()
    {
        _context.Render<RunTimeline>(p => p.Add(c => c.RunId, RunId).Add(c => c.Feed, _feed));
        var plan = TestRuns.Plan(new HelloParameters(Tasks: 2), StrategyIds.Sequential);
        await Publish(new RunFeedSnapshot(RunId, TestRuns.Summary(RunId, plan, RunState.Running), [TestRuns.Started(StrategyIds.Sequential, 2)], 0));
        await CalledAsync("addRows", 1);

        // The page hears the end: its results go to the browser first, the end's timeline messages after.
        _feed.HoldUntilResults();
        await Publish(new RunFeedBatch(RunId, [TestRuns.Task(StrategyIds.Sequential, 0, "started"), TestRuns.Task(StrategyIds.Sequential, 0, "completed", 0.1)], null));
        var result = TestRuns.Result(StrategyIds.Sequential, wall: 0.2, cpu: 0.01, lanes: 1, ok: 2);
        await Publish(new RunFeedBatch(RunId,
            [TestRuns.Task(StrategyIds.Sequential, 1, "started", 0.1), TestRuns.Task(StrategyIds.Sequential, 1, "completed", 0.2), TestRuns.Completed(result)],
            TestRuns.Summary(RunId, plan, RunState.Completed, results: [result])));
        // Meanwhile the browser is told to stop redrawing open bars with the clock.
        await CalledAsync("hold", 1);
        await Task.Delay(300);
        Assert.Single(_view.Invocations["addRows"]);
        Assert.Empty(_view.Invocations["finish"]);

        _feed.ResultsShown();

        // Nothing lost: both held batches, in feed order, then the finish.
        await CalledAsync("finish", 1);
        var calls = _view.Invocations["addRows"].Select(Rows).ToList();
        Assert.Equal([1, 2, 3], calls.Select(r => r.GetArrayLength()));
        Assert.Equal([0, 0, 1, 1], calls.Skip(1).SelectMany(c => c.EnumerateArray()).Where(r => r[0].GetInt32() == 1).Select(r => r[3].GetInt32()));
        Assert.Equal(2, calls[2][2][0].GetInt32());              // the strategy's completion last
    }

    [Fact]
    public async Task SameScale_Toggled_TellsTheModule()
    {
        var cut = _context.Render<RunTimeline>(p => p.Add(c => c.RunId, RunId).Add(c => c.Feed, _feed).Add(c => c.SameScale, false));
        await CalledAsync("createRunView", 1, _module);

        cut.Render(p => p.Add(c => c.RunId, RunId).Add(c => c.Feed, _feed).Add(c => c.SameScale, true));

        await CalledAsync("setSameScale", 1);
        Assert.Equal(true, _view.Invocations["setSameScale"][0].Arguments[0]);
    }

    [Fact]
    public async Task UnknownRun_PagesFeedFailed_ShowsAMessage()
    {
        var feed = new TimelineFeed(404);
        feed.Complete(new KeyNotFoundException("Run 404 does not exist."));
        var cut = _context.Render<RunTimeline>(p => p.Add(c => c.RunId, 404).Add(c => c.Feed, feed));

        await cut.WaitForStateAsync(() => cut.FindAll("[data-test=timeline-error]").Count == 1, TimeSpan.FromSeconds(30));
        Assert.Contains("Run 404 is not known", cut.Find("[data-test=timeline-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanesByTask_ToggledOnOneStrategy_TellsTheModuleForThatStrategyOnly()
    {
        var cut = _context.Render<RunTimeline>(p => p.Add(c => c.RunId, RunId).Add(c => c.Feed, _feed));
        var plan = TestRuns.Plan(new HelloParameters(Tasks: 2), StrategyIds.Sequential, StrategyIds.Async);
        await Publish(new RunFeedSnapshot(RunId, TestRuns.Summary(RunId, plan, RunState.Running), [], 0));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("canvas[data-strategy]").Count), TimeSpan.FromSeconds(30));
        var toggle = cut.Find("[data-test=timeline-lanes-async]");
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));
        Assert.Contains("Lanes by task", toggle.TextContent, StringComparison.Ordinal);

        await toggle.ClickAsync(new());
        await CalledAsync("setLaneMode", 1);
        Assert.Equal(["async", "task"], _view.Invocations["setLaneMode"][0].Arguments);
        Assert.Equal("true", cut.Find("[data-test=timeline-lanes-async]").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("[data-test=timeline-lanes-sequential]").GetAttribute("aria-pressed"));

        await cut.Find("[data-test=timeline-lanes-async]").ClickAsync(new());
        await CalledAsync("setLaneMode", 2);
        Assert.Equal(["async", "thread"], _view.Invocations["setLaneMode"][1].Arguments);
    }

    [Fact]
    public async Task StrategyFooter_Given_RenderedUnderEachStrategysCanvas()
    {
        var cut = _context.Render<RunTimeline>(p => p
            .Add(c => c.RunId, RunId)
            .Add(c => c.Feed, _feed)
            .Add<string>(c => c.StrategyFooter!, strategy => $"<p class=\"footer\">under {strategy}</p>"));
        var plan = TestRuns.Plan(new HelloParameters(Tasks: 2), StrategyIds.Sequential, StrategyIds.Async);
        await Publish(new RunFeedSnapshot(RunId, TestRuns.Summary(RunId, plan, RunState.Running), [], 0));

        cut.WaitForAssertion(() =>
        {
            var strategies = cut.FindAll(".tl-strategy");
            Assert.Equal(2, strategies.Count);
            Assert.Equal("under sequential", strategies[0].QuerySelector(".tl-footer .footer")!.TextContent);
            Assert.Equal("under async", strategies[1].QuerySelector(".tl-footer .footer")!.TextContent);
        }, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Disposed_PagesWritesDoNotWaitForIt()
    {
        _context.Render<RunTimeline>(p => p.Add(c => c.RunId, RunId).Add(c => c.Feed, _feed));
        await CalledAsync("createRunView", 1, _module);

        await _context.DisposeComponentsAsync();

        // The timeline left: the page's loop writes on without a reader, never stuck on the hand-over.
        for (var i = 0; i < 32; i++)
        {
            await Publish(new RunFeedBatch(RunId, [], null));
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // The legend's glossary "?" uses MudBlazor's popover service, which only disposes asynchronously.
    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>
    /// Interop calls made from the feed loop cause no render, so bUnit's render-driven waits would not
    /// look again; this looks until the calls are there or the deadline passes.
    /// </summary>
    private Task CalledAsync(string identifier, int count) => CalledAsync(identifier, count, _view);

    private static async Task CalledAsync(string identifier, int count, BunitJSModuleInterop module)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (module.Invocations[identifier].Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(count, module.Invocations[identifier].Count);
    }

    private static JsonElement Rows(Bunit.JSRuntimeInvocation invocation) =>
        JsonDocument.Parse((string)invocation.Arguments[0]!).RootElement;

    /// <summary>What the page does with each message of its subscription; a full feed waits, so this may too.</summary>
    private async Task Publish(RunFeedMessage message) =>
        await _feed.WriteAsync(message, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
}
