using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Bunit;

namespace Dashboard.Web.Tests.Components.Timeline;

/// <summary>
/// The phases before the tasks on the live page: the status line and the race rows say what starts
/// (calibration, worker processes, the interpreter, lab nodes) while it does, the canvases carry the
/// start-up segment's label for the timeline module, and the race says whose wall time counts it.
/// </summary>
public sealed class RunPhasesTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task Processes_StartedNoTaskYet_StatusLineAndRowSayStartingWorkers_ThenRunning()
    {
        var plan = TestRuns.Plan(new GenreParameters(4), StrategyIds.Sequential, StrategyIds.Processes) with { Options = new StrategyOptions(ProcessCount: 2) };
        var run = TestRuns.Summary(31, plan, RunState.Running);
        _ctx.Queue.Add(run);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 31));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        _ctx.Feed.Publish(new RunFeedSnapshot(31, run, [TestRuns.Started(StrategyIds.Processes, 4)], 1));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("starting 2 worker processes…", cut.Find("[data-test=race-phase-processes]").TextContent.Trim());
            Assert.Equal("processes: starting 2 worker processes…", cut.Find("[data-test=run-activity]").TextContent.Trim());
        }, Wait);

        _ctx.Feed.Publish(new RunFeedBatch(31, [TestRuns.Task(StrategyIds.Processes, 0, "started", time: 0.2)], null));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("running", cut.Find("[data-test=race-phase-processes]").TextContent.Trim());
            Assert.Empty(cut.FindAll("[data-test=run-activity]"));
        }, Wait);
    }

    [Fact]
    public async Task InterleavedRepetitions_AStrategyBetweenItsRepetitions_SaysWaitingNotRunning()
    {
        // A walk saw three strategies "running · repetition 1 of 3" at once: repetitions interleave, one strategy runs at a time.
        var plan = TestRuns.Plan(new GenreParameters(2), StrategyIds.Sequential, StrategyIds.Async) with { Repeat = 3, Warmup = 1 };
        var run = TestRuns.Summary(34, plan, RunState.Running);
        _ctx.Queue.Add(run);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 34));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        _ctx.Feed.Publish(new RunFeedSnapshot(34, run,
        [
            TestRuns.Started(StrategyIds.Sequential, 2, repetition: -1),
            TestRuns.Task(StrategyIds.Sequential, 0, "completed", repetition: -1), TestRuns.Task(StrategyIds.Sequential, 1, "completed", repetition: -1),
            TestRuns.Completed(TestRuns.Result(StrategyIds.Sequential, 0.2, 0.01, 1, 2, repetition: -1)),
            TestRuns.Started(StrategyIds.Async, 2, repetition: -1),
        ], 5));
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("waiting · warm-up 1 of 1 done", cut.Find("[data-test=race-phase-sequential]").TextContent.Trim());
            Assert.Equal("warm-up 1 of 1", cut.Find("[data-test=race-phase-async]").TextContent.Trim());
        }, Wait);

        _ctx.Feed.Publish(new RunFeedBatch(34,
        [
            TestRuns.Task(StrategyIds.Async, 0, "completed", repetition: -1), TestRuns.Task(StrategyIds.Async, 1, "completed", repetition: -1),
            TestRuns.Completed(TestRuns.Result(StrategyIds.Async, 0.1, 0.01, 1, 2, repetition: -1)),
            TestRuns.Started(StrategyIds.Sequential, 2),
            TestRuns.Task(StrategyIds.Sequential, 0, "completed"), TestRuns.Task(StrategyIds.Sequential, 1, "completed"),
            TestRuns.Completed(TestRuns.Result(StrategyIds.Sequential, 0.2, 0.01, 1, 2)),
            TestRuns.Started(StrategyIds.Async, 2),
        ], null));
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("waiting · 1 of 3 repetitions done", cut.Find("[data-test=race-phase-sequential]").TextContent.Trim());
            Assert.Equal("running · repetition 1 of 3", cut.Find("[data-test=race-phase-async]").TextContent.Trim());
        }, Wait);

        // Warm-up and each repetition: a labelled segment each, in the order they run.
        var sequential = cut.FindAll("[data-test=race-reps-sequential] li");
        Assert.Equal(["done", "done", "waiting", "waiting"], sequential.Select(li => li.GetAttribute("data-state")));
        Assert.Equal(["warm-up · 0.200 s", "#1 · 0.200 s", "#2", "#3"], sequential.Select(li => li.TextContent.Trim()));
        Assert.Equal("repetition 2: waiting", sequential[2].GetAttribute("title"));
        var async = cut.FindAll("[data-test=race-reps-async] li");
        Assert.Equal(["done", "running", "waiting", "waiting"], async.Select(li => li.GetAttribute("data-state")));
        Assert.Contains("current", async[1].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProcessStrategy_StartedNoTaskYet_SaysRunning_NoStatusLine()
    {
        var plan = TestRuns.Plan(new GenreParameters(4), StrategyIds.Threads);
        var run = TestRuns.Summary(32, plan, RunState.Running);
        _ctx.Queue.Add(run);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 32));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        _ctx.Feed.Publish(new RunFeedSnapshot(32, run, [TestRuns.Started(StrategyIds.Threads, 4)], 1));

        cut.WaitForAssertion(() => Assert.Equal("running", cut.Find("[data-test=race-phase-threads]").TextContent.Trim()), Wait);
        Assert.Empty(cut.FindAll("[data-test=run-activity]"));
    }

    [Fact]
    public async Task Calibrating_StatusLineSaysSo_UntilTheActivityClears()
    {
        var plan = TestRuns.Plan(new PowerParameters(4), StrategyIds.Sequential);
        var run = TestRuns.Summary(33, plan, RunState.Running) with { Activity = RunService.CalibratingActivity };
        _ctx.Queue.Add(run);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 33));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        _ctx.Feed.Publish(new RunFeedSnapshot(33, run, [], 0));
        cut.WaitForAssertion(() => Assert.StartsWith("calibrating the CPU", cut.Find("[data-test=run-activity]").TextContent.Trim(), StringComparison.Ordinal), Wait);
        Assert.Contains("calibrating the CPU", cut.Find("[data-test=run-status]").TextContent, StringComparison.Ordinal);

        // The race's first phase: its clock while it measures, then its measured length.
        Assert.StartsWith("calibration running for ", cut.Find("[data-test=race-calibration]").TextContent.Trim(), StringComparison.Ordinal);

        _ctx.Feed.Publish(new RunFeedBatch(33, [], run with { Activity = null, CalibrationSeconds = 6.72 }));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-test=run-activity]")), Wait);
        cut.WaitForAssertion(() => Assert.StartsWith("calibration 6.72 s before the first strategy", cut.Find("[data-test=race-calibration]").TextContent.Trim(), StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task NoCalibrationMeasured_NoCalibrationPhase()
    {
        var plan = TestRuns.Plan(new PowerParameters(4), StrategyIds.Sequential);
        var run = TestRuns.Summary(35, plan, RunState.Running);
        _ctx.Queue.Add(run);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 35));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        _ctx.Feed.Publish(new RunFeedSnapshot(35, run, [TestRuns.Started(StrategyIds.Sequential, 4)], 1));
        cut.WaitForAssertion(() => Assert.Equal("running", cut.Find("[data-test=race-phase-sequential]").TextContent.Trim()), Wait);
        Assert.Empty(cut.FindAll("[data-test=race-calibration]"));
    }

    [Fact]
    public void Race_EachRowCarriesItsStartupSegment_AndTheNotesSayWhoseWallCountsIt()
    {
        var plan = TestRuns.Plan(new GenreParameters(4), StrategyIds.Sequential, StrategyIds.Processes, StrategyIds.AsyncProcesses, StrategyIds.Cluster)
            with { Runtime = LabRuntime.Both };
        _ctx.Queue.Add(TestRuns.Summary(34, plan, RunState.Queued, queuePosition: 1));

        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 34));

        Assert.False(cut.Find("canvas[data-race=sequential]").HasAttribute("data-startup"));
        Assert.Equal("worker start", cut.Find("canvas[data-race=processes]").GetAttribute("data-startup"));
        Assert.Equal("node start", cut.Find("canvas[data-race=cluster]").GetAttribute("data-startup"));
        Assert.Equal("interpreter start", cut.Find($"canvas[data-race={PythonTwins.Key(StrategyIds.Sequential)}]").GetAttribute("data-startup"));
        Assert.Equal("true", cut.Find("[data-test=race-startup-processes]").GetAttribute("data-counted"));
        var inProcess = cut.Find("[data-test=race-startup-sequential]");
        Assert.Equal("false", inProcess.GetAttribute("data-counted"));
        Assert.Equal("no start-up", inProcess.TextContent.Trim());

        // One note per kind of start-up, naming the strategies it applies to, and one for those without.
        var notes = cut.FindAll("[data-test=race-startup-notes] li");
        Assert.Equal(4, notes.Count);
        var none = cut.Find("[data-test=race-startup-note-none]").TextContent;
        Assert.StartsWith("no start-up (sequential): it runs in the app's own process", none, StringComparison.Ordinal);
        var workers = cut.Find("[data-test=race-startup-note-worker-start]").TextContent;
        Assert.Contains("processes", workers, StringComparison.Ordinal);
        Assert.Contains("async + processes", workers, StringComparison.Ordinal);
        Assert.Contains("reuse the running nodes", cut.Find("[data-test=race-startup-note-node-start]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Race_EachRowsMarkCarriesItsDescriptorsSentence_TheNotesSayItForEachKind()
    {
        string[] keys = [StrategyIds.Sequential, StrategyIds.Processes, StrategyIds.Cluster, PythonTwins.Key(StrategyIds.Threads)];
        var plan = TestRuns.Plan(new HelloParameters(4, "Ada", 10), StrategyIds.Sequential, StrategyIds.Processes, StrategyIds.Cluster, StrategyIds.Threads)
            with { Runtime = LabRuntime.Both };
        _ctx.Queue.Add(TestRuns.Summary(36, plan, RunState.Queued, queuePosition: 1));

        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 36));

        foreach (var key in keys)
        {
            var startup = StrategyCatalog.StartupOf(key);
            var marks = cut.FindAll($"[data-test=race-startup-{key}]");
            Assert.Equal(startup.Sentence, Assert.Single(marks).GetAttribute("title"));
            if (!startup.Counted)
            {
                Assert.Equal("no start-up", marks[0].TextContent.Trim());
                continue;
            }

            Assert.Contains(startup.Sentence, cut.Find($"[data-test=race-startup-note-{startup.Segment!.Replace(' ', '-')}]").TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Race_InProcessOnly_NoStartupNotes()
    {
        _ctx.Queue.Add(TestRuns.Summary(35, TestRuns.Plan(new GenreParameters(4), StrategyIds.Sequential, StrategyIds.Async), RunState.Queued, queuePosition: 1));

        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 35));

        Assert.Empty(cut.FindAll("[data-test=race-startup-notes]"));
    }
}
