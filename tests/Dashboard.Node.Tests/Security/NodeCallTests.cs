using System.Text.Json;
using Dashboard.Cluster.Grains;
using Dashboard.Cluster.Hosting;
using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;
using Dashboard.Node.Tests.Fixtures;
using Dashboard.Web.Simulation;
using Microsoft.Extensions.Logging.Abstractions;
using ITaskObserver = Dashboard.Cluster.Grains.ITaskObserver;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Node.Tests.Security;

/// <summary>
/// Nodes trust nothing on the wire (issue 17, finding 1): a call carries ids and parameters, a real
/// node refuses what it does not accept with a reason the run shows, and writes files only under its
/// own root, in the folder it derives from the run and the repetition.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class NodeCallTests
{
    [Fact]
    public async Task Node_CallsWithIdsOrParametersItDoesNotAccept_AreRefusedWithTheReason_NothingWritten()
    {
        await using var manager = new LocalNodeManager(new LabClusterOptions { LocalNodes = 1, JoinTimeoutSeconds = LabRuns.JoinTimeoutSeconds }, NullLogger.Instance,
            NodeTargets.From("http://127.0.0.1:9/sim/", null, null, null));
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        var node = Assert.Single(await manager.StartAsync(1, timeout.Token));

        // A client holding the cluster's certificate (as the app does) still cannot name what the node does not accept.
        using var host = await OrleansClients.ConnectAsync(node.GatewayPort, manager.ClusterId, manager.Certificate, timeout.Token);
        var observer = host.Client().CreateObjectReference<ITaskObserver>(new NullObserver());
        var genre = Job(new GenreParameters(Tasks: 2));
        var cases = new (TaskCall Call, string Reason)[]
        {
            (new TaskCall(genre with { JobId = Guid.NewGuid(), RunId = 0 }, 0), "run id 0 is not a run"),
            (new TaskCall(genre with { JobId = Guid.NewGuid(), RunId = -4242 }, 0), "run id -4242 is not a run"),
            (new TaskCall(genre with { JobId = Guid.NewGuid(), Repetition = 999 }, 0), "repetition 999 is not in -10..49"),
            (new TaskCall(genre, 7), "task 7 is not in 0..1"),
            (new TaskCall(genre, 0, Attempt: 0), "send 0 is not in 1..5"),
            (new TaskCall(genre with { JobId = Guid.NewGuid(), RequestTimeoutMs = 0 }, 0), "request timeout 0 ms"),
            (new TaskCall(genre with { JobId = Guid.NewGuid(), TargetCapability = "run\r\nX-Evil: 1" }, 0), "target capability"),
            (new TaskCall(genre with { JobId = Guid.NewGuid(), Targets = NodeTargetKind.Real }, 0), "this node has no real target for genre"),
            (new TaskCall(genre with { JobId = Guid.NewGuid(), Parameters = """{"workload":"genre","tasks":2,"targetBaseUrl":"http://evil.example/"}""" }, 0), "targetBaseUrl"),
            (new TaskCall(genre with { JobId = Guid.NewGuid(), Parameters = """{"workload":"genre","tasks":2,"outputDirectory":"/tmp/victim"}""" }, 0), "outputDirectory"),
            (new TaskCall(genre with { JobId = Guid.NewGuid(), Parameters = """{"workload":"rm -rf","tasks":2}""" }, 0), "the parameters are not a workload's"),
            (new TaskCall(Job(new GenreParameters(Tasks: 0)), 0), "the parameters are not valid here"),
        };

        foreach (var (call, reason) in cases)
        {
            var outcome = await host.Client().GetGrain<ITaskGrain>(Guid.NewGuid()).RunAsync(call, observer, timeout.Token);
            Assert.Equal(TaskEnd.Failed, outcome.End);
            Assert.Contains("node node-1 refused the task", outcome.Detail);
            Assert.Contains(reason, outcome.Detail);
        }

        // A job id the node knows cannot be reused with other settings (here: another run's folder).
        var hello = Job(new HelloParameters(Tasks: 1, DelayMs: 0));
        var served = await host.Client().GetGrain<ITaskGrain>(Guid.NewGuid()).RunAsync(new TaskCall(hello, 0), observer, timeout.Token);
        Assert.Equal(TaskEnd.Completed, served.End);
        var reused = await host.Client().GetGrain<ITaskGrain>(Guid.NewGuid()).RunAsync(new TaskCall(hello with { RunId = 77 }, 0), observer, timeout.Token);
        Assert.Equal(TaskEnd.Failed, reused.End);
        Assert.Contains($"job {hello.JobId} was started with other settings", reused.Detail);

        // Nothing was fetched or written: the node's folder is as empty as it started.
        var nodeRoot = Path.Combine(manager.OutputRoot!, node.Name);
        Assert.True(Directory.Exists(nodeRoot));
        Assert.Empty(Directory.EnumerateFileSystemEntries(nodeRoot, "*", SearchOption.AllDirectories));
        await host.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ClusterRun_TargetsTheNodesDoNotHave_EveryTaskFailsWithTheNodesReason()
    {
        await using var cluster = LabRuns.Connect(nodes: 1);
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        var plan = new RunPlan(new GenreParameters(Tasks: 3), [StrategyIds.Cluster]);
        var policy = new TargetPolicy(["127.0.0.2"], "tests", AllowHttpForLoopback: true);

        var (simulated, _) = await LabRuns.RunAsync(cluster, plan, timeout.Token, targetBaseUrl: "http://127.0.0.1:9/sim/");
        var (real, _) = await LabRuns.RunAsync(cluster, plan with { Targets = LabTargets.Real }, timeout.Token,
            targetBaseUrl: "http://127.0.0.2:9/", policy: policy);

        var spans = Assert.Single(simulated.Results).Spans;
        Assert.Equal(3, spans.Count);
        Assert.All(spans, s =>
        {
            Assert.Equal(TaskStatus.Failed, s.Status);
            Assert.Equal("node node-1 refused the task: this node has no simulated targets (Node:Targets:Simulated is not set)", s.Detail);
        });
        Assert.All(Assert.Single(real.Results).Spans, s =>
        {
            Assert.Equal(TaskStatus.Failed, s.Status);
            Assert.Equal("node node-1 refused the task: this node has no real target for genre (Node:Targets:Genre is not set)", s.Detail);
        });
    }

    [Fact]
    public async Task GenreRun_NodesWriteOnlyUnderTheirRoot_InTheRunAndRepetitionFolder_AndCheckTheirFiles()
    {
        await using var targets = await SimulatedTargetsServer.StartAsync([new("Simulation:GenreLatencyMs", "20")], CancellationToken.None);
        await using var cluster = LabRuns.Connect(nodes: 2, simulatedTargets: targets.BaseUrl);
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        var appOutput = Directory.CreateTempSubdirectory("dashboard-node-tests-app-").FullName;
        const int tasks = 8;
        var plan = new RunPlan(new GenreParameters(Tasks: tasks), [StrategyIds.Cluster], Repeat: 2, Warmup: 1);
        try
        {
            using var capability = targets.Capabilities.Issue(TimeSpan.FromMinutes(10));
            var (result, _) = await LabRuns.RunAsync(cluster, plan, timeout.Token, targetBaseUrl: targets.BaseUrl, runId: 4242,
                outputDirectory: appOutput, targetCapability: capability.Value);

            Assert.Equal(3, result.Results.Count);
            Assert.All(result.Results, r =>
            {
                Assert.Equal(tasks, r.TasksOk);
                Assert.Equal("ok", r.OutputCheck); // checked by the nodes, on their own files
            });

            // Every file is under a node's root, in run-4242/{warmup-1,rep-0,rep-1}, one per task and
            // repetition across the nodes; the app's own folder got none.
            var root = cluster.LocalOutputRoot!;
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar))
                .ToList();
            Assert.All(files, parts =>
            {
                Assert.Equal(4, parts.Length);
                Assert.Contains(parts[0], new[] { "node-1", "node-2" });
                Assert.Equal("run-4242", parts[1]);
                Assert.Matches("^new_file[0-9]+\\.txt$", parts[3]);
            });
            foreach (var repetition in new[] { "warmup-1", "rep-0", "rep-1" })
            {
                Assert.Equal(Enumerable.Range(0, tasks).Select(GenreFile),
                    files.Where(p => p[2] == repetition).Select(p => p[3]).Order(StringComparer.Ordinal));
            }

            Assert.Empty(Directory.EnumerateFiles(appOutput, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(appOutput, recursive: true);
        }
    }

    private static string GenreFile(int task) => $"new_file{task}.txt";

    private static NodeJob Job(WorkloadParameters parameters) =>
        new(Guid.NewGuid(), 1, 0, JsonSerializer.Serialize(parameters, WorkerJson.Parameters), NodeTargetKind.Simulated,
            WorkloadEnvironment.DefaultRequestTimeoutMs, null, false);

    private sealed class NullObserver : ITaskObserver
    {
        public Task OnAccepted(TaskNote note) => Task.CompletedTask;

        public Task OnStarted(TaskNote note) => Task.CompletedTask;

        public Task OnProgress(TaskNote note) => Task.CompletedTask;
    }
}
