using Dashboard.Cluster.Client;
using Dashboard.Cluster.Hosting;
using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Node.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Node.Tests.Cluster;

/// <summary>
/// Cluster:Membership=redis: nodes started on their own (as on other machines) join through a real
/// redis-server with a password (started here on a free loopback port; tests/run-all.sh installs
/// it), all of them holding the operator's certificate (made with openssl), and the app joins them
/// as a client. A missing redis-server fails this test.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class RedisMembershipTests
{
    [Fact]
    public async Task RedisMembership_TwoNodesStartedElsewhere_AppJoinsAndRunsTasksOnBoth()
    {
        var ports = LocalNodeManager.FreePorts(5);
        await using var redis = await RedisNodes.StartAsync(ports[0]);
        await using var first = redis.StartNode("remote-1", ports[1], ports[2]);
        await using var second = redis.StartNode("remote-2", ports[3], ports[4]);
        await first.WaitForLineAsync(NodeProtocol.ReadyPrefix, TimeSpan.FromSeconds(LabRuns.JoinTimeoutSeconds));
        await second.WaitForLineAsync(NodeProtocol.ReadyPrefix, TimeSpan.FromSeconds(LabRuns.JoinTimeoutSeconds));

        var options = new LabClusterOptions
        {
            Membership = "redis", Redis = redis.Address, ClusterId = redis.ClusterId, JoinTimeoutSeconds = LabRuns.JoinTimeoutSeconds, CertificatePath = redis.Certificate.Path,
        };
        await using var cluster = new ClusterConnection(options, NullLoggerFactory.Instance);
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        var (result, _) = await LabRuns.RunAsync(cluster, new RunPlan(new HelloParameters(Tasks: 16, DelayMs: 300), [StrategyIds.Cluster]), timeout.Token);

        var strategy = Assert.Single(result.Results);
        Assert.True(strategy.Succeeded, string.Join(" / ", strategy.Spans.Select(s => s.Detail).Distinct()));
        Assert.Equal(["remote-1", "remote-2"], strategy.Spans.Select(s => s.Node!).Distinct().Order());
        Assert.Equal([first.ProcessId, second.ProcessId], strategy.Spans.Select(s => s.Lane.ProcessId).Distinct().Order());

        // Not the app's nodes: it started none, and maps their clocks by offset (see NodeClock): a
        // span's length is the node's own (a loaded CI once showed 126 ms for 300 ms when the start
        // and the end were mapped with different offsets).
        Assert.Null(strategy.WorkerStartSeconds);
        Assert.Empty(cluster.LocalNodes);
        Assert.All(strategy.Spans, s => Assert.InRange(s.End - s.Start, 0.2, 5));
    }
}
