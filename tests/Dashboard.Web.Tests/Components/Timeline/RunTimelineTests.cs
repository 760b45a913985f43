using System.Text.Json;
using Bunit;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Components.Timeline;

/// <summary>
/// RunTimeline's side of the data path: one canvas per strategy, and each feed message handed to
/// the browser module in one packed call. The drawing itself is tested in real Chromium (E2E).
/// </summary>
public sealed class RunTimelineTests : IDisposable
{
    private const long RunId = 7;
    private readonly BunitContext _context = new();
    private readonly ChannelRunFeed _feed = new();
    private readonly BunitJSModuleInterop _view;

    public RunTimelineTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddSingleton<IRunFeed>(_feed);
        _context.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var module = _context.JSInterop.SetupModule(RunTimeline.ModulePath);
        _view = module.SetupModule(invocation => invocation.Identifier == "createRunView");
        _view.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public async Task Snapshot_KnownPlan_RendersOneCanvasPerStrategyAndSendsItsEvents()
    {
        var cut = _context.Render<RunTimeline>(p => p.Add(c => c.RunId, RunId));
        await _feed.FirstWatcher.WaitAsync(TimeSpan.FromSeconds(30));

        var plan = TestRuns.Plan(new HelloParameters(Tasks: 2), StrategyIds.Sequential, StrategyIds.Async);
        _feed.Publish(new RunFeedSnapshot(RunId, TestRuns.Summary(RunId, plan, RunState.Running),
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
        _context.Render<RunTimeline>(p => p.Add(c => c.RunId, RunId));
        await _feed.FirstWatcher.WaitAsync(TimeSpan.FromSeconds(30));
        var plan = TestRuns.Plan(new HelloParameters(Tasks: 3), StrategyIds.Sequential);
        _feed.Publish(new RunFeedSnapshot(RunId, TestRuns.Summary(RunId, plan, RunState.Running), [], 0));

        _feed.Publish(new RunFeedBatch(RunId, [TestRuns.Started(StrategyIds.Sequential, 3), TestRuns.Task(StrategyIds.Sequential, 0, "started")], null));
        _feed.Publish(new RunFeedBatch(RunId,
            [TestRuns.Task(StrategyIds.Sequential, 0, "completed", 0.1), TestRuns.Task(StrategyIds.Sequential, 1, "started", 0.1), TestRuns.Task(StrategyIds.Sequential, 1, "failed", 0.2)], null));
        var result = TestRuns.Result(StrategyIds.Sequential, wall: 0.3, cpu: 0.01, lanes: 1, ok: 1, failed: 1);
        _feed.Publish(new RunFeedBatch(RunId, [TestRuns.Completed(result)], TestRuns.Summary(RunId, plan, RunState.Completed, results: [result])));

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
    public async Task SameScale_Toggled_TellsTheModule()
    {
        var cut = _context.Render<RunTimeline>(p => p.Add(c => c.RunId, RunId).Add(c => c.SameScale, false));
        await _feed.FirstWatcher.WaitAsync(TimeSpan.FromSeconds(30));

        cut.Render(p => p.Add(c => c.RunId, RunId).Add(c => c.SameScale, true));

        await CalledAsync("setSameScale", 1);
        Assert.Equal(true, _view.Invocations["setSameScale"][0].Arguments[0]);
    }

    [Fact]
    public async Task UnknownRun_FeedThrows_ShowsAMessage()
    {
        _context.Services.AddSingleton<IRunFeed>(new UnknownRunFeed());
        var cut = _context.Render<RunTimeline>(p => p.Add(c => c.RunId, 404));

        await cut.WaitForStateAsync(() => cut.FindAll("[data-test=timeline-error]").Count == 1, TimeSpan.FromSeconds(30));
        Assert.Contains("Run 404 is not known", cut.Find("[data-test=timeline-error]").TextContent, StringComparison.Ordinal);
    }

    public void Dispose() => _context.Dispose();

    /// <summary>
    /// Interop calls made from the feed loop cause no render, so bUnit's render-driven waits would not
    /// look again; this looks until the calls are there or the deadline passes.
    /// </summary>
    private async Task CalledAsync(string identifier, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_view.Invocations[identifier].Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(count, _view.Invocations[identifier].Count);
    }

    private static JsonElement Rows(Bunit.JSRuntimeInvocation invocation) =>
        JsonDocument.Parse((string)invocation.Arguments[0]!).RootElement;

    private sealed class UnknownRunFeed : IRunFeed
    {
        public IAsyncEnumerable<RunFeedMessage> WatchAsync(long runId, CancellationToken cancellationToken) =>
            throw new KeyNotFoundException($"Run {runId} does not exist.");
    }
}
