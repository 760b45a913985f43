using System.Globalization;
using Dashboard.Cluster.Client;
using Dashboard.Cluster.Hosting;
using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workers;
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
public sealed class RedisMembershipTests
{
    private const string RedisServer = "/usr/bin/redis-server";

    [Fact]
    public async Task RedisMembership_TwoNodesStartedElsewhere_AppJoinsAndRunsTasksOnBoth()
    {
        Assert.True(File.Exists(RedisServer), $"{RedisServer} is missing: apt-get install redis-server (tests/run-all.sh does).");
        var ports = LocalNodeManager.FreePorts(5);
        // With a password, as compose runs it (StackExchange.Redis takes it in the connection string).
        var password = Guid.NewGuid().ToString("N");
        var redisAddress = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{ports[0]},password={password}");
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = ChildProcess.Start(RedisServer, "--port", ports[0].ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--requirepass", password);
        await redis.WaitForLineAsync("Ready to accept connections", TimeSpan.FromSeconds(20));

        using var certificate = ClusterFiles.Certificate();
        var nodeDll = Path.Combine(AppContext.BaseDirectory, "Dashboard.Node.dll");
        ChildProcess Node(string name, int siloPort, int gatewayPort) => ChildProcess.Start(WorkerLauncher.DotnetHostPath, "exec", nodeDll,
            "--Cluster:Membership=redis", $"--Cluster:Redis={redisAddress}", $"--Cluster:ClusterId={clusterId}", $"--Cluster:CertificatePath={certificate.Path}",
            $"--Node:Name={name}", $"--Node:SiloPort={siloPort}", $"--Node:GatewayPort={gatewayPort}", "--Node:AdvertisedIp=127.0.0.1");
        await using var first = Node("remote-1", ports[1], ports[2]);
        await using var second = Node("remote-2", ports[3], ports[4]);
        await first.WaitForLineAsync(NodeProtocol.ReadyPrefix, TimeSpan.FromSeconds(60));
        await second.WaitForLineAsync(NodeProtocol.ReadyPrefix, TimeSpan.FromSeconds(60));

        var options = new LabClusterOptions
        {
            Membership = "redis", Redis = redisAddress, ClusterId = clusterId, JoinTimeoutSeconds = 60, CertificatePath = certificate.Path,
        };
        await using var cluster = new ClusterConnection(options, NullLoggerFactory.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
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
