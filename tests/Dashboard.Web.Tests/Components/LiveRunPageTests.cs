using Bunit;
using Dashboard.Engine.Running;
using Dashboard.Web.Components.Timeline;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components;

public sealed class LiveRunPageTests : IAsyncLifetime
{
    // The page renders on a 250 ms tick; a slow shared machine gets plenty of slack.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Render_UnknownRun_SaysRunNotFound()
    {
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/runs/404");

        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 404));

        Assert.Contains("Run 404 was not found", cut.Find("[data-test=run-not-found]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/", cut.Find("[data-test=not-found-home]").GetAttribute("href"));
        Assert.Equal(0, _ctx.Feed.WatcherCount);
    }

    [Fact]
    public async Task Feed_SnapshotThenBatches_ProgressShowsDoneTotalAndFailed()
    {
        var plan = TestRuns.Plan(new GenreParameters(4), StrategyIds.Sequential, StrategyIds.Async);
        var run = TestRuns.Summary(7, plan, RunState.Running);
        _ctx.Queue.Add(run);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 7));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        _ctx.Feed.Publish(new RunFeedSnapshot(7, run,
            [
                TestRuns.Started(StrategyIds.Sequential, 4),
                TestRuns.Task(StrategyIds.Sequential, 0, "started"),
                TestRuns.Task(StrategyIds.Sequential, 0, "completed"),
            ], 3));
        cut.WaitForAssertion(() => AssertProgress(cut, StrategyIds.Sequential, done: 1, total: 4, failed: 0), Wait);

        _ctx.Feed.Publish(new RunFeedBatch(7,
            [
                TestRuns.Task(StrategyIds.Sequential, 1, "started"),
                TestRuns.Task(StrategyIds.Sequential, 1, "failed"),
                TestRuns.Task(StrategyIds.Sequential, 2, "started"),
                TestRuns.Task(StrategyIds.Sequential, 2, "completed"),
            ], null));
        cut.WaitForAssertion(() => AssertProgress(cut, StrategyIds.Sequential, done: 3, total: 4, failed: 1), Wait);

        AssertProgress(cut, StrategyIds.Async, done: 0, total: 4, failed: 0);
        Assert.Equal("running", cut.Find("[data-test=progress-sequential]").GetAttribute("data-phase"));
        Assert.Equal("waiting", cut.Find("[data-test=progress-async]").GetAttribute("data-phase"));
        Assert.Contains("1 failed", cut.Find("[data-test=progress-sequential]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-test=summary-table]"));
    }

    [Fact]
    public async Task Feed_RunEnds_ShowsChartsSummaryAndExplanationFromTheResults()
    {
        var plan = TestRuns.Plan(new GenreParameters(100), StrategyIds.Sequential, StrategyIds.Async);
        var running = TestRuns.Summary(8, plan, RunState.Running);
        _ctx.Queue.Add(running);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 8));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);
        _ctx.Feed.Publish(new RunFeedSnapshot(8, running, [], 0));

        var sequential = TestRuns.Result(StrategyIds.Sequential, wall: 10, cpu: 0.05, lanes: 1, ok: 100);
        var async = TestRuns.Result(StrategyIds.Async, wall: 0.2, cpu: 0.03, lanes: 3, ok: 100);
        var finished = TestRuns.Summary(8, plan, RunState.Completed, results: [sequential, async]);
        _ctx.Feed.Publish(new RunFeedBatch(8, [TestRuns.Completed(sequential), TestRuns.Completed(async)], finished));
        _ctx.Feed.Complete(8);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-test=summary-table]")), Wait);
        Assert.Equal("completed", cut.Find("[data-test=live-run]").GetAttribute("data-state"));
        // The charts come in the same render as the summary and Explain.
        Assert.NotNull(cut.Find("[data-test=chart-wall] svg"));
        var asyncRow = cut.Find("[data-test=summary-row-async]");
        Assert.Equal("0.200 s", asyncRow.QuerySelector("[data-col=median]")!.TextContent.Trim());
        Assert.Equal("50x", asyncRow.QuerySelector("[data-col=speedup]")!.TextContent.Trim());
        Assert.Equal("3", asyncRow.QuerySelector("[data-col=lanes]")!.TextContent.Trim());
        var explain = cut.Find("[data-test=explain]").TextContent;
        Assert.Contains("I/O-bound", explain, StringComparison.Ordinal);
        Assert.Contains("against sequential's 10.0 s (50x): within noise: repeat at least 3 times to tell", explain, StringComparison.Ordinal);
        Assert.True(cut.Find("button[data-test=cancel-button]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_QueuedRunOfOneStrategy_PlanLineSaysOneStrategyAndTheRaceHasItsRow()
    {
        var plan = TestRuns.Plan(new GenreParameters(20), StrategyIds.Async);
        _ctx.Queue.Add(TestRuns.Summary(21, plan, RunState.Queued, queuePosition: 1));

        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 21));

        var line = System.Text.RegularExpressions.Regex.Replace(cut.Find("[data-test=run-parameters]").TextContent, @"\s+", " ");
        Assert.Contains("· 1 strategy · 1 repetition", line, StringComparison.Ordinal);
        Assert.Equal("race-21", cut.Find("[data-test=race]").GetAttribute("id"));
        Assert.Single(cut.FindAll("[data-test=race] canvas[data-race=async]"));
        Assert.Equal("–", cut.Find("[data-test=race-time-async]").TextContent.Trim());
        Assert.Equal("0/20", cut.Find("[data-test=progress-async] .count").TextContent.Trim());
    }

    [Fact]
    public void Render_QueuedRun_ShowsItsQueuePosition()
    {
        var plan = TestRuns.Plan(new ScrapeParameters(20));
        _ctx.Queue.Add(TestRuns.Summary(11, plan, RunState.Queued, queuePosition: 3));

        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 11));

        Assert.Equal("3", cut.Find("[data-test=queue-position]").GetAttribute("data-position"));
        Assert.Contains("2 runs ahead", cut.Find("[data-test=queue-position]").TextContent, StringComparison.Ordinal);
        Assert.Contains("#3 in queue", cut.Find("[data-test=state-chip]").TextContent, StringComparison.Ordinal);
        Assert.Equal(7, cut.FindAll("[data-test^=progress-]").Count);
    }

    [Fact]
    public async Task Feed_RunCancelledDuringFirstStrategy_LaterStrategiesDidNotRunAndNoCharts()
    {
        var plan = TestRuns.Plan(new HelloParameters(10, "Robert Paulson", 2_000), StrategyIds.Sequential, StrategyIds.Async);
        var running = TestRuns.Summary(12, plan, RunState.Running);
        _ctx.Queue.Add(running);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 12));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        var partial = TestRuns.Result(StrategyIds.Sequential, wall: 0.3, cpu: 0.01, lanes: 1, ok: 0, cancelled: true);
        _ctx.Feed.Publish(new RunFeedSnapshot(12, running,
            [TestRuns.Started(StrategyIds.Sequential, 10), TestRuns.Task(StrategyIds.Sequential, 0, "started")], 2));
        _ctx.Feed.Publish(new RunFeedBatch(12,
            [TestRuns.Task(StrategyIds.Sequential, 0, "cancelled"), TestRuns.Completed(partial)],
            TestRuns.Summary(12, plan, RunState.Cancelled, results: [partial])));

        cut.WaitForAssertion(() => Assert.Equal("cancelled", cut.Find("[data-test=live-run]").GetAttribute("data-state")), Wait);
        Assert.Equal("cancelled", cut.Find("[data-test=progress-sequential]").GetAttribute("data-phase"));
        Assert.Equal("skipped", cut.Find("[data-test=progress-async]").GetAttribute("data-phase"));
        // The race says how long the cut strategy ran, as the summary does (both once the run's analysis
        // is in, right after the state); no "repeat" note for nothing measured.
        cut.WaitForAssertion(() => Assert.Equal("stopped at 0.300 s", cut.Find("[data-test=race-time-sequential]").TextContent.Trim()), Wait);
        Assert.Equal("0.300 s", cut.Find("[data-test=summary-row-sequential] [data-col=median]").TextContent.Trim());
        Assert.Equal("–", cut.Find("[data-test=race-time-async]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-test=summary-repetitions-note]"));
        Assert.Empty(cut.FindAll("[data-test=charts]"));
        Assert.Contains("not checked", cut.Find("[data-test=summary-row-sequential]").TextContent, StringComparison.Ordinal);
        var explain = cut.Find("[data-test=explain]").TextContent;
        Assert.Contains("Sequential was cancelled; its figures are partial", explain, StringComparison.Ordinal);
        Assert.Contains("nothing to compare", explain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_OtherRunId_WatchesTheNewRunInstead()
    {
        var plan = TestRuns.Plan(new GenreParameters(5), StrategyIds.Async);
        _ctx.Queue.Add(TestRuns.Summary(13, plan, RunState.Running));
        _ctx.Queue.Add(TestRuns.Summary(14, TestRuns.Plan(new GenreParameters(7), StrategyIds.Threads), RunState.Running));
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 13));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        cut.Render(p => p.Add(x => x.Id, 14));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(0, _ctx.Feed.WatchersOf(13));
            Assert.Equal(1, _ctx.Feed.WatchersOf(14));
        }, Wait);
        Assert.Contains("Run 14", cut.Find("[data-test=run-title]").TextContent, StringComparison.Ordinal);
        Assert.Equal("7", cut.Find("[data-test=progress-threads]").GetAttribute("data-total"));
    }

    [Fact]
    public async Task CancelButton_RunningRun_AsksTheQueueToCancelIt()
    {
        var plan = TestRuns.Plan(new HelloParameters(10, "Seven of Nine", 100), StrategyIds.Async);
        _ctx.Queue.Add(TestRuns.Summary(9, plan, RunState.Running));
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 9));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        cut.Find("button[data-test=cancel-button]").Click();

        Assert.Equal([9L], _ctx.Queue.Cancelled);
        Assert.Contains("Cancelling", cut.Find("button[data-test=cancel-button]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_Page_EndsItsFeedSubscription()
    {
        var plan = TestRuns.Plan(new GenreParameters(5), StrategyIds.Async);
        _ctx.Queue.Add(TestRuns.Summary(10, plan, RunState.Running));
        _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 10));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);
        Assert.Equal(1, _ctx.Feed.WatcherCount);

        await _ctx.DisposeComponentsAsync();

        var deadline = DateTime.UtcNow + Wait;
        while (_ctx.Feed.WatcherCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, _ctx.Feed.WatcherCount);
    }

    [Fact]
    public async Task Render_StoredRunNotInTheQueue_ShowsItsSummaryFromTheStoreWithoutAFeed()
    {
        var run = Dashboard.Web.Tests.Storage.TestRuns.Finished(12, label: "before the restart");
        await _ctx.Store.SaveAsync(run, null, imported: false, CancellationToken.None);

        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 12));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-test=summary-table]")), Wait);
        Assert.Equal("completed", cut.Find("[data-test=live-run]").GetAttribute("data-state"));
        Assert.Contains("before the restart", cut.Find("[data-test=run-parameters]").TextContent, StringComparison.Ordinal);
        Assert.Equal("finished", cut.Find("[data-test=progress-sequential]").GetAttribute("data-phase"));
        Assert.Empty(cut.FindAll("[data-test=timeline-sampled]"));
        Assert.Equal("/api/runs/12/export/json", cut.Find("[data-test=export-json]").GetAttribute("href"));
        Assert.Equal("/api/runs/12/export/csv?table=spans", cut.Find("[data-test=export-csv-spans]").GetAttribute("href"));
        Assert.Equal("/api/runs/12/export/trace", cut.Find("[data-test=export-trace]").GetAttribute("href"));
        Assert.Equal(0, _ctx.Feed.WatcherCount);
    }

    [Fact]
    public async Task Render_FinishedRunTheQueueStillRemembers_RendersFromTheStoreWithEveryTask()
    {
        // The queue remembers many finished runs but keeps the events of only the newest few: an
        // older one must come back from the store, never as an empty "0/N" live replay.
        var run = Dashboard.Web.Tests.Storage.TestRuns.Finished(14, label: "an older run");
        await _ctx.Store.SaveAsync(run, null, imported: false, CancellationToken.None);
        _ctx.Queue.Add(run);

        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 14));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-test=summary-table]")), Wait);
        var bar = cut.Find("[data-test=progress-sequential]");
        Assert.Equal("finished", bar.GetAttribute("data-phase"));
        Assert.NotEqual("0", bar.GetAttribute("data-done"));
        Assert.Equal(bar.GetAttribute("data-total"), bar.GetAttribute("data-done"));
        Assert.Equal(0, _ctx.Feed.WatcherCount);
    }

    [Fact]
    public async Task Render_StoredRunAboveTheEventCap_SaysTheTimelineIsSampled()
    {
        // 2 strategies x (1 warmup + 2 repetitions) x 40 tasks = 240 spans, above the context's cap of 100.
        var run = Dashboard.Web.Tests.Storage.TestRuns.Finished(13, Dashboard.Web.Tests.Storage.TestRuns.HelloPlan(tasks: 40));
        await _ctx.Store.SaveAsync(run, null, imported: false, CancellationToken.None);

        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 13));

        cut.WaitForAssertion(() => Assert.Contains("Timeline sampled", cut.Find("[data-test=timeline-sampled]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("of 240 task spans", cut.Find("[data-test=timeline-sampled]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_PageWithItsRealTimeline_OneSubscriptionFeedsTimelineProgressAndCounterStrips()
    {
        // The real timeline this time (the context stubs it), with its browser module scripted.
        _ctx.ComponentFactories.Clear();
        var module = _ctx.JSInterop.SetupModule(RunTimeline.ModulePath);
        var view = module.SetupModule(invocation => invocation.Identifier == "createRunView");
        view.Mode = JSRuntimeMode.Loose;
        var plan = TestRuns.Plan(new GenreParameters(4), StrategyIds.Sequential, StrategyIds.Async);
        var run = TestRuns.Summary(15, plan, RunState.Running);
        _ctx.Queue.Add(run);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 15));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        var sample = new CounterSample(0.05, 100, 50, 40, 10, 12, 3, 0, 0, 1, 80);
        _ctx.Feed.Publish(new RunFeedSnapshot(15, run,
            [
                TestRuns.Started(StrategyIds.Sequential, 4),
                TestRuns.Task(StrategyIds.Sequential, 0, "started"),
                TestRuns.Counters(StrategyIds.Sequential, sample),
            ], 3));
        _ctx.Feed.Publish(new RunFeedBatch(15, [TestRuns.Task(StrategyIds.Sequential, 0, "completed", 0.1)], null));

        // Progress (the model), the timeline (its module) and the strip under the timeline, all from one watcher.
        cut.WaitForAssertion(() => AssertProgress(cut, StrategyIds.Sequential, done: 1, total: 4, failed: 0), Wait);
        cut.WaitForAssertion(() =>
            Assert.Equal("1", cut.Find("[data-test=timeline-slot] .tl-strategy [data-test=counters-sequential]").GetAttribute("data-samples")), Wait);
        var deadline = DateTime.UtcNow + Wait;
        while (view.Invocations["addRows"].Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var rows = view.Invocations["addRows"].Sum(i => System.Text.Json.JsonDocument.Parse((string)i.Arguments[0]!).RootElement.GetArrayLength());
        Assert.Equal(4, rows); // started, the sample (the module draws the strip's plot), task started, task completed
        Assert.Equal(1, _ctx.Feed.WatchersOf(15));
        Assert.Equal(1, _ctx.Feed.WatcherCount);
        Assert.Empty(cut.FindAll("[data-test=counter-strips]")); // no second list of strips away from the timelines
    }

    [Fact]
    public async Task Feed_LargeRunTallies_PageSaysItAggregatesAndProgressAddsThemUp()
    {
        var plan = TestRuns.Plan(new HelloParameters(Tasks: 30_000, DelayMs: 10), StrategyIds.Async);
        var run = TestRuns.Summary(8, plan, RunState.Running);
        _ctx.Queue.Add(run);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 8));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        _ctx.Feed.Publish(new RunFeedSnapshot(8, run,
            [
                TestRuns.Started(StrategyIds.Async, 30_000),
                TestRuns.Tally(StrategyIds.Async, 0, started: 30_000, ok: 12_000, failed: 5),
                TestRuns.Tally(StrategyIds.Async, 1, started: 0, ok: 8_000, failed: 0),
            ], 3));
        cut.WaitForAssertion(() => AssertProgress(cut, StrategyIds.Async, done: 20_005, total: 30_000, failed: 5), Wait);

        Assert.Contains("30,000 tasks: drawn as counts per 50 ms; pick a window to see tasks",
            cut.Find("[data-test=aggregated-note]").TextContent, StringComparison.Ordinal);
        Assert.Contains("9,995 in flight", cut.Find("[data-test=progress-async]").TextContent, StringComparison.Ordinal);
        // While it runs there is nothing to read a window from yet.
        Assert.NotEmpty(cut.FindAll("[data-test=window-later]"));
        Assert.Empty(cut.FindAll("[data-test=window-form]"));
    }

    private static void AssertProgress(IRenderedComponent<LiveRunPage> cut, string strategy, int done, int total, int failed)
    {
        var bar = cut.Find($"[data-test=progress-{strategy}]");
        Assert.Equal(done.ToString(System.Globalization.CultureInfo.InvariantCulture), bar.GetAttribute("data-done"));
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), bar.GetAttribute("data-total"));
        Assert.Equal(failed.ToString(System.Globalization.CultureInfo.InvariantCulture), bar.GetAttribute("data-failed"));
    }
}
