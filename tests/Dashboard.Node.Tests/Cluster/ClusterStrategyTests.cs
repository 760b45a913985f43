using System.Diagnostics;
using Dashboard.Engine.Cluster;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Node.Tests.Fixtures;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Node.Tests.Cluster;

/// <summary>
/// The cluster strategy end to end on two real local node processes (Dashboard.Node silos on
/// loopback) started by the app's node manager.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class ClusterStrategyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Hello_OnTwoLocalNodes_EveryTaskOkOnBothNodesOverlappingWithLiveNodeEvents()
    {
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        await using var cluster = LabRuns.Connect(nodes: 2);
        var plan = new RunPlan(new HelloParameters(Tasks: 16, DelayMs: 3_000), [StrategyIds.Cluster]);

        var (result, events) = await LabRuns.RunAsync(cluster, plan, timeout.Token);

        var strategy = Assert.Single(result.Results);
        Assert.True(strategy.TasksOk == 16, string.Join(" / ", strategy.Spans.Select(s => s.Detail).Distinct()));
        Assert.Equal("ok", strategy.OutputCheck);
        var nodes = cluster.LocalNodes;
        Assert.Equal(2, nodes.Count);
        Assert.Equal(2, strategy.WorkerStartSeconds?.Count);
        Assert.All(strategy.WorkerStartSeconds!, s => Assert.InRange(s, 0.001, 60));

        // Every span names its node and runs in that node's process; an I/O-bound run hands each
        // node an even share up front, so the waits overlap on both.
        var pidOf = nodes.ToDictionary(n => n.Name, n => n.ProcessId);
        Assert.All(strategy.Spans, s =>
        {
            Assert.NotNull(s.Node);
            Assert.Equal(pidOf[s.Node!], s.Lane.ProcessId);
        });
        Assert.Equal([("node-1", 8), ("node-2", 8)], strategy.Spans.GroupBy(s => s.Node!).Select(g => (g.Key, g.Count())).Order());

        // The node panel's report: each node with its process, silo address, slots, join (this run started them) and CPU.
        Assert.NotNull(strategy.Nodes);
        Assert.Equal(["node-1", "node-2"], strategy.Nodes.Select(n => n.Name).Order());
        Assert.All(strategy.Nodes, n =>
        {
            Assert.Equal(pidOf[n.Name], n.ProcessId);
            Assert.Contains(":", n.Address, StringComparison.Ordinal);
            Assert.True(n.Slots >= 1, $"{n.Name}: {n.Slots} slots");
            Assert.NotNull(n.JoinSeconds);
            Assert.True(n.JoinSeconds > 0, $"{n.Name}: joined in {n.JoinSeconds} s");
            Assert.True(n.CpuSeconds >= 0, $"{n.Name}: CPU {n.CpuSeconds}");
        });
        Assert.Equal([8, 8], NodeSummary.Of(result.Results).Select(n => n.TasksRun));

        // Async inside the nodes: each node's waits of 3 s overlap, and both nodes wait at once (not
        // all 16 at one instant: a loaded machine can start a node's share late).
        Assert.All(strategy.Spans.GroupBy(s => s.Node), node => Assert.True(StrategyResult.MaxInFlight(node) >= 2, $"{node.Key}: its waits did not overlap"));
        Assert.True(strategy.MaxInFlight() > 8, $"{strategy.MaxInFlight()} waits at once: the nodes did not wait together");
        Assert.All(strategy.Spans, s => Assert.InRange(s.End - s.Start, 2.95, 30));

        // Live: each task's start arrived as an event with its node, before its end.
        var started = events.OfType<TaskEvent>().Where(e => e.Kind == TaskEventKind.Started).ToList();
        Assert.Equal(16, started.Select(e => e.Task).Distinct().Count());
        Assert.All(started, e => Assert.Contains(e.Node!, pidOf.Keys));
    }

    [Fact]
    public async Task PowerWithGmp_OnTwoLocalNodes_OutputsCheckedAndBothNodesUsed()
    {
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        await using var cluster = LabRuns.Connect(nodes: 2);
        var plan = new RunPlan(new PowerParameters(Count: 16, Engine: PowerEngine.Gmp), [StrategyIds.Cluster, StrategyIds.Sequential]);

        var (result, _) = await LabRuns.RunAsync(cluster, plan, timeout.Token);

        var clustered = result.Results.Single(s => s.Strategy == StrategyIds.Cluster);
        Assert.True(clustered.OutputCheck == "ok", LabRuns.Reasons(clustered));
        Assert.Equal(16, clustered.TasksOk);
        Assert.Equal(2, clustered.Spans.Select(s => s.Node).Distinct().Count());

        // The same outputs as the in-process sequential run, task by task.
        var sequential = result.Results.Single(s => s.Strategy == StrategyIds.Sequential);
        Assert.Equal(sequential.Spans.OrderBy(s => s.Task).Select(s => s.Detail), clustered.Spans.OrderBy(s => s.Task).Select(s => s.Detail));

        // Two nodes on this host get one CPU slot each and pull one task at a time: a node's tasks
        // never overlap. (With more cores there are more slots; then only the count is checked.)
        if (Environment.ProcessorCount / 2 == 1)
        {
            foreach (var node in clustered.Spans.GroupBy(s => s.Node))
            {
                var ordered = node.OrderBy(s => s.Start).ToList();
                Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second.Start >= pair.First.End,
                    $"{node.Key}: task {pair.Second.Task} started before task {pair.First.Task} ended"));
            }
        }

        // The CPU figure counts the nodes' processes, where the work ran: about what the same
        // tasks cost on their own threads in-process (not the client's few milliseconds). The
        // sequential's tasks, not its process figure, which counts tests running beside it.
        var taskCpu = sequential.Spans.Sum(s => s.Cpu ?? 0);
        Assert.True(taskCpu > 0, "the sequential tasks' CPU was not measured");
        Assert.True(clustered.CpuSeconds >= 0.7 * taskCpu, $"cluster CPU {clustered.CpuSeconds:F3} s, sequential tasks {taskCpu:F3} s");
    }

    [Fact]
    public async Task PowerWithGmp_NodeKilledAfterItsFirstTask_TheOtherNodeTakesTheRest()
    {
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new TestOutputLoggerProvider(output)));
        await using var cluster = LabRuns.Connect(nodes: 2, loggers: loggers);
        var killed = 0;
        var plan = new RunPlan(new PowerParameters(Count: 48, Engine: PowerEngine.Gmp), [StrategyIds.Cluster]);

        var (result, _) = await LabRuns.RunAsync(cluster, plan, timeout.Token, e =>
        {
            if (e is TaskEvent { Kind: TaskEventKind.Completed, Node: "node-2" } && Interlocked.Exchange(ref killed, 1) == 0)
            {
                var victim = cluster.LocalNodes.Single(n => n.Name == "node-2");
                using var process = Process.GetProcessById(victim.ProcessId);
                process.Kill();
                process.WaitForExit();
            }
        });

        Assert.Equal(1, killed);
        var strategy = Assert.Single(result.Results);
        Assert.Equal(48, strategy.Spans.Count);
        Assert.All(strategy.Spans.Where(s => s.Status != TaskStatus.Ok), s =>
        {
            Assert.Equal(TaskStatus.Failed, s.Status);
            Assert.Contains("node-2", s.Detail);
        });

        // The tasks node-2 never took ran on node-1: the queue stays with the app, not the node.
        var failed = strategy.Spans.Count(s => s.Status == TaskStatus.Failed);
        Assert.True(failed <= 3, $"{failed} failed: " + string.Join(" / ", strategy.Spans.Where(s => s.Status == TaskStatus.Failed)
            .GroupBy(s => s.Detail).Select(g => $"{g.Count()} x {g.Key}")));
        Assert.True(strategy.Spans.Count(s => s.Status == TaskStatus.Ok && s.Node == "node-1") >= 40,
            string.Join(", ", strategy.Spans.GroupBy(s => (s.Node, s.Status)).Select(g => $"{g.Key}: {g.Count()}")));
    }

    [Fact]
    public async Task Cancel_WhileTasksRunOnNodes_RunEndsCancelledQuickly()
    {
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        await using var cluster = LabRuns.Connect(nodes: 2);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var started = 0;
        var plan = new RunPlan(new HelloParameters(Tasks: 6, DelayMs: 30_000), [StrategyIds.Cluster]);
        var clock = new Stopwatch();

        var (result, _) = await LabRuns.RunAsync(cluster, plan, cancel.Token, e =>
        {
            if (e is TaskEvent { Kind: TaskEventKind.Started } && Interlocked.Increment(ref started) == 6)
            {
                clock.Start();
                cancel.Cancel();
            }
        });

        Assert.True(result.Cancelled);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 20); // well before the 30 s waits, with room for a loaded machine
        var strategy = Assert.Single(result.Results);
        Assert.Equal(6, strategy.Spans.Count);
        Assert.All(strategy.Spans, s => Assert.Equal(TaskStatus.Cancelled, s.Status));
    }

    [Fact]
    public async Task NodeKilledMidRun_ItsTasksFailWithTheReason_OthersFinish_RunCompletes()
    {
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        await using var cluster = LabRuns.Connect(nodes: 2);
        var nodeOfTask = new Dictionary<int, string>();
        var killed = 0;
        var plan = new RunPlan(new HelloParameters(Tasks: 16, DelayMs: 4_000), [StrategyIds.Cluster]);

        var (result, _) = await LabRuns.RunAsync(cluster, plan, timeout.Token, e =>
        {
            if (e is TaskEvent { Kind: TaskEventKind.Started } started)
            {
                nodeOfTask[started.Task] = started.Node!;
                if (nodeOfTask.Count == 16 && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    var victim = cluster.LocalNodes.Single(n => n.Name == "node-2");
                    using var process = Process.GetProcessById(victim.ProcessId);
                    process.Kill();
                }
            }
        });

        Assert.Equal(1, killed);
        var strategy = Assert.Single(result.Results);
        Assert.Equal(16, strategy.Spans.Count);
        foreach (var span in strategy.Spans)
        {
            if (nodeOfTask[span.Task] == "node-2")
            {
                Assert.Equal(TaskStatus.Failed, span.Status);
                Assert.Contains("node node-2", span.Detail);
                Assert.Contains("exited", span.Detail);
            }
            else
            {
                Assert.Equal(TaskStatus.Ok, span.Status);
            }
        }

        Assert.Contains(strategy.Spans, s => s.Status == TaskStatus.Failed);
        Assert.Contains(strategy.Spans, s => s.Status == TaskStatus.Ok);
    }

    [Fact]
    public async Task NoClusterConfigured_EveryTaskFailsWithTheReason()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var plan = new RunPlan(new HelloParameters(Tasks: 3, DelayMs: 0), [StrategyIds.Cluster]);

        var (result, _) = await LabRuns.RunAsync(null, plan, timeout.Token);

        var strategy = Assert.Single(result.Results);
        Assert.Equal(3, strategy.TasksFailed);
        Assert.All(strategy.Spans, s => Assert.Contains("no cluster is configured", s.Detail));
    }
}
