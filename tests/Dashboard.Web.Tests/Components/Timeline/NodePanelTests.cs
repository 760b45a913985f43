using Bunit;
using Dashboard.Engine.Cluster;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Components.Timeline;

/// <summary>The node panel of a cluster run: live from the task events and each repetition's report, and from the stored environment.</summary>
public sealed class NodePanelTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task ClusterRun_TaskEventsThenReport_RowsGrowLive_ThenCarryAddressSlotsJoinAndCpu()
    {
        var plan = TestRuns.Plan(new HelloParameters(4, "Ada", 10), StrategyIds.Cluster);
        var run = TestRuns.Summary(41, plan, RunState.Running);
        _ctx.Queue.Add(run);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 41));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);

        _ctx.Feed.Publish(new RunFeedSnapshot(41, run,
            [
                TestRuns.Started(StrategyIds.Cluster, 4),
                NodeTask(0, "started", "node-1", "501:7"), NodeTask(0, "completed", "node-1", "501:7"),
                NodeTask(1, "started", "node-2", "502:9"), NodeTask(1, "completed", "node-2", "502:9"),
                NodeTask(2, "started", "node-1", "501:8"), NodeTask(2, "completed", "node-1", "501:8"),
            ], 7));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-test=node-table] tbody tr").Count), Wait);
        Assert.Equal("2", cut.Find("[data-test=node-row-node-1]").GetAttribute("data-tasks"));
        Assert.Equal("501", cut.Find("[data-test=node-row-node-1] [data-col=pid]").TextContent.Trim());
        Assert.Equal("–", cut.Find("[data-test=node-row-node-1] [data-col=address]").TextContent.Trim());

        var spans = new[]
        {
            new TaskSpan(0, new Lane(501, 7), 1.0, 1.1, TaskStatus.Ok, Node: "node-1"),
            new TaskSpan(1, new Lane(502, 9), 1.0, 1.1, TaskStatus.Ok, Node: "node-2"),
            new TaskSpan(2, new Lane(501, 8), 1.1, 1.2, TaskStatus.Ok, Node: "node-1"),
            new TaskSpan(3, new Lane(502, 9), 1.1, 1.2, TaskStatus.Ok, Node: "node-2"),
        };
        var result = new StrategyResult(StrategyIds.Cluster, 0, 1.3, 0.2, 3, 4, 0, "ok", 0, spans)
        {
            Nodes =
            [
                new ClusterNode("node-1", 501, "127.0.0.1:11111", 2, 0.05) { JoinSeconds = 0.9 },
                new ClusterNode("node-2", 502, "127.0.0.1:11112", 2, 0.04) { JoinSeconds = 1.1 },
            ],
        };
        _ctx.Feed.Publish(new RunFeedBatch(41, [NodeTask(3, "started", "node-2", "502:9"), NodeTask(3, "completed", "node-2", "502:9"), TestRuns.Completed(result)], null));

        cut.WaitForAssertion(() => Assert.Equal("127.0.0.1:11112", cut.Find("[data-test=node-row-node-2] [data-col=address]").TextContent.Trim()), Wait);
        Assert.Equal("2", cut.Find("[data-test=node-row-node-2]").GetAttribute("data-tasks"));
        Assert.Equal("2", cut.Find("[data-test=node-row-node-1] [data-col=slots]").TextContent.Trim());
        Assert.Equal("in 0.900 s", cut.Find("[data-test=node-row-node-1] [data-col=joined]").TextContent.Trim());
        Assert.Equal("50.0 ms", cut.Find("[data-test=node-row-node-1] [data-col=cpu]").TextContent.Trim());
    }

    [Fact]
    public async Task ClusterRun_NodesJoinOneByOne_StatusLineCountsThem_PanelListsEachAsItJoins_ThenTasksAddUp()
    {
        var plan = TestRuns.Plan(new HelloParameters(4, "Ada", 10), StrategyIds.Cluster);
        var run = TestRuns.Summary(44, plan, RunState.Running);
        _ctx.Queue.Add(run);
        var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, 44));
        await _ctx.Feed.FirstWatcher.WaitAsync(Wait);
        var node1 = new ClusterNode("node-1", 701, "127.0.0.1:30001", 1, 0) { JoinSeconds = 4.2 };
        var node2 = new ClusterNode("node-2", 702, "127.0.0.1:30003", 1, 0) { JoinSeconds = 5.5 };

        // The engine's words and nodes reach the summary the one way the app applies them.
        var starting = RunStartup.Apply(run, new StrategyActivity(StrategyIds.Cluster, 0, StrategyStartup.NodesJoining(0, 2), []));
        _ctx.Feed.Publish(new RunFeedSnapshot(44, starting, [TestRuns.Started(StrategyIds.Cluster, 4)], 1));
        cut.WaitForAssertion(() => Assert.Equal("cluster: starting 2 lab nodes… 0 of 2 joined", cut.Find("[data-test=run-activity]").TextContent.Trim()), Wait);
        Assert.Equal("starting 2 lab nodes… 0 of 2 joined", cut.Find("[data-test=race-phase-cluster]").TextContent.Trim());
        Assert.Contains("No node has joined yet", cut.Find("[data-test=node-panel-empty]").TextContent, StringComparison.Ordinal);

        var one = RunStartup.Apply(starting, new StrategyActivity(StrategyIds.Cluster, 0, StrategyStartup.NodesJoining(1, 2), [node1]));
        _ctx.Feed.Publish(new RunFeedBatch(44, [], one));
        cut.WaitForAssertion(() => Assert.Equal("cluster: starting 2 lab nodes… 1 of 2 joined", cut.Find("[data-test=run-activity]").TextContent.Trim()), Wait);
        var row = Assert.Single(cut.FindAll("[data-test=node-table] tbody tr"));
        Assert.Equal("node-row-node-1", row.GetAttribute("data-test"));
        Assert.Equal(
            ("701", "127.0.0.1:30001", "1", "in 4.20 s", "0", "–"),
            (Cell(cut, "node-1", "pid"), Cell(cut, "node-1", "address"), Cell(cut, "node-1", "slots"), Cell(cut, "node-1", "joined"),
                Cell(cut, "node-1", "tasks"), Cell(cut, "node-1", "cpu")));

        var two = RunStartup.Apply(one, new StrategyActivity(StrategyIds.Cluster, 0, StrategyStartup.NodesJoining(2, 2), [node1, node2]));
        _ctx.Feed.Publish(new RunFeedBatch(44, [], two));
        cut.WaitForAssertion(() => Assert.Equal("cluster: starting 2 lab nodes… 2 of 2 joined", cut.Find("[data-test=run-activity]").TextContent.Trim()), Wait);
        Assert.Equal(["node-row-node-1", "node-row-node-2"], cut.FindAll("[data-test=node-table] tbody tr").Select(r => r.GetAttribute("data-test")));

        // The first task ends the status line; the joined nodes stay and count their tasks.
        var done = RunStartup.Apply(two, new StrategyActivity(StrategyIds.Cluster, 0, null, [node1, node2]));
        _ctx.Feed.Publish(new RunFeedBatch(44, [NodeTask(0, "started", "node-2", "702:5"), NodeTask(0, "completed", "node-2", "702:5")], done));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-test=run-activity]")), Wait);
        Assert.Equal("running", cut.Find("[data-test=race-phase-cluster]").TextContent.Trim());
        Assert.Equal(("0", "1"), (Cell(cut, "node-1", "tasks"), Cell(cut, "node-2", "tasks")));
    }

    [Fact]
    public void RunStartup_EndedRepetition_ClearsItsWordsAndNodes_KeepsTheRunsOwnStep()
    {
        var run = TestRuns.Summary(45, TestRuns.Plan(new HelloParameters(4, "Ada", 10), StrategyIds.Cluster), RunState.Running);
        var joining = RunStartup.Apply(run, new StrategyActivity(StrategyIds.Cluster, 0, "starting 1 lab node… 0 of 1 joined", []));

        Assert.Equal("cluster: starting 1 lab node… 0 of 1 joined", joining.Activity);
        Assert.True(RunStartup.Told(joining, StrategyIds.Cluster, 0, out var text));
        Assert.Equal("starting 1 lab node… 0 of 1 joined", text);
        Assert.False(RunStartup.Told(joining, StrategyIds.Cluster, 1, out _));
        Assert.False(RunStartup.Told(joining, StrategyIds.Processes, 0, out _));

        // Once the start is over the engine's silence stands: no fallback to the descriptor's words before the first task event.
        var over = RunStartup.Apply(joining, new StrategyActivity(StrategyIds.Cluster, 0, null, []));
        Assert.True(RunStartup.Told(over, StrategyIds.Cluster, 0, out var none));
        Assert.Null(none);
        Assert.Null(over.Activity);
        Assert.Equal((null, null), (RunStartup.Ended(joining).Activity, RunStartup.Ended(joining).Startup));

        // A run's own step (calibration) is not the start-up's to clear.
        var calibrating = run with { Activity = RunService.CalibratingActivity };
        Assert.Equal(RunService.CalibratingActivity, RunStartup.Ended(calibrating).Activity);
    }

    [Fact]
    public void StoredRun_NodesFromTheEnvironment()
    {
        var plan = TestRuns.Plan(new HelloParameters(4, "Ada", 10), StrategyIds.Cluster);
        var stored = TestRuns.Summary(42, plan, RunState.Completed, results: [TestRuns.Result(StrategyIds.Cluster, 1.0, 0.1, 2, 4)]);
        var environment = RunEnvironment.Capture("http://127.0.0.1/sim/") with
        {
            Nodes = [new NodeSummary("node-1", 601, "127.0.0.1:11111", 2, null, 4, 0.12)],
        };

        var cut = _ctx.Render<NodePanel>(p => p.Add(x => x.Model, LiveRunModel.FromStored(stored)).Add(x => x.Environment, environment));

        var row = cut.Find("[data-test=node-row-node-1]");
        Assert.Equal("4", row.GetAttribute("data-tasks"));
        Assert.Equal("already running", cut.Find("[data-test=node-row-node-1] [data-col=joined]").TextContent.Trim());
        Assert.Equal("601", cut.Find("[data-test=node-row-node-1] [data-col=pid]").TextContent.Trim());
    }

    [Fact]
    public void RunWithoutCluster_NoPanel()
    {
        var stored = TestRuns.Summary(43, TestRuns.Plan(new HelloParameters(4, "Ada", 10), StrategyIds.Threads), RunState.Completed);

        var cut = _ctx.Render<NodePanel>(p => p.Add(x => x.Model, LiveRunModel.FromStored(stored)));

        Assert.Empty(cut.FindAll("[data-test=node-panel]"));
    }

    [Fact]
    public void NodeSummary_SumsCpuAndTasksOverRepetitions_KeepsTheFirstJoin()
    {
        static StrategyResult Rep(int repetition, double? join) => new(StrategyIds.Cluster, repetition, 1, 0.1, 1, 2, 0, "ok", 0,
            [new TaskSpan(0, new Lane(5, 1), 0.1, 0.2, TaskStatus.Ok, Node: "node-1"), new TaskSpan(1, new Lane(5, 1), 0.2, 0.3, TaskStatus.Ok, Node: "node-1")])
        {
            Nodes = [new ClusterNode("node-1", 5, "127.0.0.1:1", 2, 0.25) { JoinSeconds = join }],
        };

        var node = Assert.Single(NodeSummary.Of([Rep(0, 2.5), Rep(1, null)]));

        Assert.Equal((4, 0.5, 2.5), (node.TasksRun, node.CpuSeconds, node.JoinSeconds));
    }

    private static string Cell(IRenderedComponent<LiveRunPage> cut, string node, string column) =>
        cut.Find($"[data-test=node-row-{node}] [data-col={column}]").TextContent.Trim();

    private static WireEvent NodeTask(int task, string kind, string node, string lane) =>
        TestRuns.Task(StrategyIds.Cluster, task, kind) with { Lane = lane, Node = node };
}
