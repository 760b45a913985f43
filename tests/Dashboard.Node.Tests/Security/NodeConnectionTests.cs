using System.Net;
using System.Net.Sockets;
using Dashboard.Cluster.Grains;
using Dashboard.Cluster.Hosting;
using Dashboard.Cluster.Nodes;
using Dashboard.Node.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Node.Tests.Security;

/// <summary>
/// Nodes only talk to the cluster (issue 17, finding 1): a real node process refuses an Orleans client
/// that lacks the cluster's certificate, listens on its advertised address only, and starts without
/// the app's secrets in its environment.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class NodeConnectionTests
{
    [Fact]
    public async Task LocalNode_ClientWithoutTheClusterCertificate_IsRefused_ClientWithItIsServed()
    {
        await using var manager = new LocalNodeManager(new LabClusterOptions { LocalNodes = 1, JoinTimeoutSeconds = LabRuns.JoinTimeoutSeconds }, NullLogger.Instance);
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        var node = Assert.Single(await manager.StartAsync(1, timeout.Token));
        using var stranger = ClusterCertificate.Create(TimeSpan.FromDays(1));

        // No TLS at all, then TLS with a certificate of its own: the node never serves either (it closes
        // the connection, or leaves the handshake to time out), so the client never connects.
        foreach (var certificate in new[] { null, stranger })
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await Assert.ThrowsAnyAsync<Exception>(() => OrleansClients.ConnectAsync(node.GatewayPort, manager.ClusterId, certificate, attempt.Token));
        }

        // The same client with the cluster's certificate is served: the refusals above were the certificate's.
        using var host = await OrleansClients.ConnectAsync(node.GatewayPort, manager.ClusterId, manager.Certificate, timeout.Token);
        var status = await host.Client().GetGrain<INodeGrain>(node.Name).DescribeAsync().WaitAsync(timeout.Token);
        Assert.Equal(node.ProcessId, status.ProcessId);
        await host.StopAsync(CancellationToken.None);
        Assert.False(node.HasExited);

        // The key travels in a file only its owner reads, never on the node's command line.
        var file = Directory.GetFiles(manager.WorkDirectory!, "*.pem").Single();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(manager.WorkDirectory!));
        var commandLine = await File.ReadAllTextAsync($"/proc/{node.ProcessId}/cmdline", timeout.Token);
        Assert.DoesNotContain("PRIVATE KEY", commandLine);
        Assert.Contains(file, commandLine);
    }

    [Fact]
    public async Task RedisNode_ListensOnItsAdvertisedAddressOnly()
    {
        var ports = LocalNodeManager.FreePorts(3);
        await using var redis = await RedisNodes.StartAsync(ports[0]);
        await using var node = redis.StartNode("listener", ports[1], ports[2]);
        await node.WaitForLineAsync(NodeProtocol.ReadyPrefix, TimeSpan.FromSeconds(LabRuns.JoinTimeoutSeconds));

        foreach (var port in ports[1..])
        {
            // Bound to 127.0.0.1, not 0.0.0.0 or [::]: another local address (127.0.0.2, the same
            // loopback device) finds nothing listening there.
            Assert.Equal([IPAddress.Loopback], Listeners.On(port));
            using (var reached = new TcpClient())
            {
                await reached.ConnectAsync(IPAddress.Loopback, port);
            }

            using var other = new TcpClient();
            var error = await Assert.ThrowsAsync<SocketException>(() => other.ConnectAsync(IPAddress.Parse("127.0.0.2"), port));
            Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        }
    }

    [Fact]
    public async Task LocalNode_StartsWithoutTheAppsSecretsInItsEnvironment()
    {
        var planted = new Dictionary<string, string>
        {
            ["Auth__Token"] = "not-for-nodes-" + Guid.NewGuid().ToString("N"),
            ["Auth__Mode"] = "Token",
            ["ConnectionStrings__Dashboard"] = "Host=db;Password=not-for-nodes",
            ["Cluster__Redis"] = "redis:6379,password=not-for-nodes",
        };
        foreach (var (name, value) in planted)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            await using var manager = new LocalNodeManager(new LabClusterOptions { LocalNodes = 1, JoinTimeoutSeconds = LabRuns.JoinTimeoutSeconds }, NullLogger.Instance);
            using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
            var node = Assert.Single(await manager.StartAsync(1, timeout.Token));

            var environment = (await File.ReadAllTextAsync($"/proc/{node.ProcessId}/environ", timeout.Token))
                .Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Split('=', 2)[0])
                .ToList();
            Assert.Contains("PATH", environment); // read the right process, and it still runs .NET
            Assert.DoesNotContain(environment, n => n.StartsWith("Auth__", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(environment, n => n.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(environment, n => n.StartsWith("Cluster__", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            foreach (var name in planted.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
