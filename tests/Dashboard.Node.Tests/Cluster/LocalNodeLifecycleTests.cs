using System.Diagnostics;
using Dashboard.Cluster.Client;
using Dashboard.Cluster.Hosting;
using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Node.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Node.Tests.Cluster;

/// <summary>Local nodes start on demand, stop when idle and at dispose, and a node that never joins fails fast.</summary>
[Collection(NodeProcesses.Name)]
public sealed class LocalNodeLifecycleTests
{
    [Fact]
    public async Task NodeThatNeverJoins_FailsWithAClearErrorWithinTheJoinTimeout()
    {
        var options = new LabClusterOptions { LocalNodes = 1, JoinTimeoutSeconds = 5 };
        await using var manager = new LocalNodeManager(options, NullLogger.Instance);
        var ports = LocalNodeManager.FreePorts(3);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.JoinTimeoutSeconds));
        var clock = Stopwatch.StartNew();

        // Its primary (ports[2]) is not there: the node cannot join.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => manager.StartNodeAsync("node-x", ports[0], ports[1], ports[2], timeout.Token));

        Assert.True(error is TimeoutException or InvalidOperationException, error.ToString());
        Assert.Contains("node-x", error.Message);
        Assert.Contains("join", error.Message);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, options.JoinTimeoutSeconds + 30); // bounded by the join timeout, plus a loaded machine's kill and cleanup
        var pids = manager.Nodes.Select(n => n.ProcessId).ToList();
        await manager.StopAsync();
        Assert.All(pids, pid => Assert.False(LabRuns.IsAlive(pid)));
    }

    [Fact]
    public async Task ClusterRun_NodeMissing_TasksFailWithTheJoinErrorWithinTheTimeout()
    {
        var options = new LabClusterOptions { LocalNodes = 2, JoinTimeoutSeconds = 5, NodePath = typeof(LocalNodeLifecycleTests).Assembly.Location };
        await using var cluster = new ClusterConnection(options, NullLoggerFactory.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var (result, _) = await LabRuns.RunAsync(cluster, new RunPlan(new HelloParameters(Tasks: 2, DelayMs: 0), [StrategyIds.Cluster]), timeout.Token);

        // The "node" is a test dll: it never prints its ready line.
        var strategy = Assert.Single(result.Results);
        Assert.Equal(2, strategy.TasksFailed);
        Assert.All(strategy.Spans, s => Assert.Contains("node-1", s.Detail));
        Assert.Empty(cluster.LocalNodes);
    }

    [Fact]
    public async Task Idle_AfterIdleSeconds_NodesAndClientStop_NextRunStartsThemAgain()
    {
        await using var cluster = LabRuns.Connect(nodes: 2, idleSeconds: LabClusterOptions.MinIdleSeconds);
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        var plan = new RunPlan(new HelloParameters(Tasks: 2, DelayMs: 0), [StrategyIds.Cluster]);
        Assert.Empty(cluster.LocalNodes);

        var (first, _) = await LabRuns.RunAsync(cluster, plan, timeout.Token);
        Assert.True(first.Results[0].Succeeded, LabRuns.Reasons(first.Results[0]));
        var pids = cluster.LocalNodes.Select(n => n.ProcessId).ToList();
        Assert.Equal(2, pids.Count);

        while (cluster.IsConnected || cluster.LocalNodes.Count > 0 || pids.Any(LabRuns.IsAlive))
        {
            await Task.Delay(200, timeout.Token);
        }

        var (second, _) = await LabRuns.RunAsync(cluster, plan, timeout.Token);
        Assert.True(second.Results[0].Succeeded, LabRuns.Reasons(second.Results[0]));
        Assert.Equal(2, second.Results[0].WorkerStartSeconds?.Count);
        Assert.Empty(cluster.LocalNodes.Select(n => n.ProcessId).Intersect(pids));
    }

    [Fact]
    public async Task Dispose_StopsEveryNodeProcess()
    {
        var cluster = LabRuns.Connect(nodes: 2);
        List<int> pids;
        try
        {
            using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
            var (result, _) = await LabRuns.RunAsync(cluster, new RunPlan(new HelloParameters(Tasks: 2, DelayMs: 0), [StrategyIds.Cluster]), timeout.Token);
            Assert.True(result.Results[0].Succeeded, LabRuns.Reasons(result.Results[0]));
            pids = [.. cluster.LocalNodes.Select(n => n.ProcessId)];
            Assert.All(pids, pid => Assert.True(LabRuns.IsAlive(pid)));
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        Assert.All(pids, pid => Assert.False(LabRuns.IsAlive(pid)));
    }

    [Theory]
    [InlineData("membership", "Cluster:Membership")]
    [InlineData("redis", "Cluster:Redis")]
    [InlineData("certificate", "Cluster:CertificatePath")]
    [InlineData("nodes", "Cluster:LocalNodes")]
    [InlineData("idle", "Cluster:IdleSeconds")]
    [InlineData("join", "Cluster:JoinTimeoutSeconds")]
    [InlineData("task", "Cluster:TaskTimeoutSeconds")]
    public void Validate_OutOfRange_NamesTheKey(string what, string key)
    {
        var options = what switch
        {
            "membership" => new LabClusterOptions { Membership = "zookeeper" },
            "redis" => new LabClusterOptions { Membership = "redis", CertificatePath = typeof(LocalNodeLifecycleTests).Assembly.Location },
            "certificate" => new LabClusterOptions { Membership = "redis", Redis = "127.0.0.1:6379" },
            "nodes" => new LabClusterOptions { LocalNodes = LabClusterOptions.MaxLocalNodes + 1 },
            "idle" => new LabClusterOptions { IdleSeconds = 1 },
            "join" => new LabClusterOptions { JoinTimeoutSeconds = 0 },
            _ => new LabClusterOptions { TaskTimeoutSeconds = 0 },
        };

        var error = Assert.Single(options.Validate());
        Assert.StartsWith(key, error);
        Assert.Throws<ArgumentException>(() => new ClusterConnection(options, NullLoggerFactory.Instance));
    }

    [Fact]
    public void Validate_Defaults_AreUsable() => Assert.Empty(new LabClusterOptions().Validate());
}
