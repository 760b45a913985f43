using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Node.Tests.Fixtures;

namespace Dashboard.Node.Tests.Cluster;

/// <summary>
/// The cluster strategy tells the run, as it happens, that its nodes start and join: the engine's
/// <see cref="StrategyActivity"/> events on two real local nodes, in order, before the first task.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class NodeJoinProgressTests
{
    [Fact]
    public async Task TwoFreshNodes_ActivitySaysOneOfTwoJoinedBeforeTwoOfTwo_ThenEndsBeforeTheFirstTask()
    {
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        await using var cluster = LabRuns.Connect(nodes: 2);
        var plan = new RunPlan(new HelloParameters(Tasks: 4, DelayMs: 10), [StrategyIds.Cluster]);

        var (result, events) = await LabRuns.RunAsync(cluster, plan, timeout.Token);

        var strategy = Assert.Single(result.Results);
        Assert.True(strategy.TasksOk == 4, LabRuns.Reasons(strategy));
        var ordered = events.Select((e, i) => (Event: e, Index: i)).ToList();
        var activity = ordered.Where(p => p.Event is StrategyActivity).Select(p => (Activity: (StrategyActivity)p.Event, p.Index)).ToList();
        Assert.All(activity, a => Assert.Equal((StrategyIds.Cluster, 0), (a.Activity.Strategy, a.Activity.Repetition)));
        var texts = activity.Select(a => a.Activity.Text).ToList();

        // Starting, one node joined, both joined, connecting: each said once, in that order; then done.
        Assert.Equal(
            [
                "starting 2 lab nodes… 0 of 2 joined",
                "starting 2 lab nodes… 1 of 2 joined",
                "starting 2 lab nodes… 2 of 2 joined",
                "2 of 2 lab nodes joined; connecting to them…",
                null,
            ],
            texts);

        // Each join carries the node as the panel lists it: the real process, its silo address, its slots, its join time.
        var pidOf = cluster.LocalNodes.ToDictionary(n => n.Name, n => n.ProcessId);
        Assert.Equal([0, 1, 2, 2, 2], activity.Select(a => a.Activity.Nodes.Count));
        Assert.Equal("node-1", activity[1].Activity.Nodes[0].Name);
        Assert.All(activity[^1].Activity.Nodes, n =>
        {
            Assert.Equal(pidOf[n.Name], n.ProcessId);
            Assert.StartsWith("127.0.0.1:", n.Address, StringComparison.Ordinal);
            Assert.True(n.Slots >= 1, $"{n.Name}: {n.Slots} slots");
            Assert.True(n.JoinSeconds > 0, $"{n.Name}: joined in {n.JoinSeconds} s");
        });

        // After the repetition began and before its first task began.
        var repetitionStarted = ordered.Single(p => p.Event is StrategyStarted).Index;
        var firstTask = ordered.First(p => p.Event is TaskEvent { Kind: TaskEventKind.Started }).Index;
        Assert.True(activity[0].Index > repetitionStarted, "the nodes' start was told before the repetition began");
        Assert.True(activity[^1].Index < firstTask, "the status line ended after the first task began");

        // The result keeps what the joins said.
        Assert.Equal(2, strategy.WorkerStartSeconds?.Count);
        Assert.Equal(
            activity[^1].Activity.Nodes.OrderBy(n => n.Name).Select(n => (n.Name, n.ProcessId, n.Address, n.JoinSeconds)),
            strategy.Nodes!.OrderBy(n => n.Name).Select(n => (n.Name, n.ProcessId, n.Address, n.JoinSeconds)));
    }

    [Fact]
    public async Task NodesAlreadyRunning_SecondRepetitionTellsNoStart()
    {
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        await using var cluster = LabRuns.Connect(nodes: 2);
        var plan = new RunPlan(new HelloParameters(Tasks: 2, DelayMs: 10), [StrategyIds.Cluster], Repeat: 2);

        var (result, events) = await LabRuns.RunAsync(cluster, plan, timeout.Token);

        Assert.All(result.Results, r => Assert.True(r.TasksOk == 2, LabRuns.Reasons(r)));
        var activity = events.OfType<StrategyActivity>().ToList();
        Assert.NotEmpty(activity);
        Assert.All(activity, a => Assert.Equal(0, a.Repetition));
        Assert.Null(result.Results.Single(r => r.Repetition == 1).WorkerStartSeconds);
    }
}
