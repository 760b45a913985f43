using System.Globalization;
using Dashboard.Engine.Workers;

namespace Dashboard.Node.Tests.Fixtures;

/// <summary>
/// Redis membership as an operator runs it: a real redis-server with a password on a free loopback
/// port (tests/run-all.sh installs it; a missing one fails the test), and nodes started on their own
/// with the operator's certificate, as on other machines.
/// </summary>
public sealed class RedisNodes : IAsyncDisposable
{
    private const string RedisServer = "/usr/bin/redis-server";
    private readonly ChildProcess _redis;

    private RedisNodes(ChildProcess redis, string address, ClusterFiles certificate)
    {
        _redis = redis;
        Address = address;
        Certificate = certificate;
    }

    /// <summary>The StackExchange.Redis connection string, with the password (as compose gives it).</summary>
    public string Address { get; }

    public string ClusterId { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public ClusterFiles Certificate { get; }

    public static async Task<RedisNodes> StartAsync(int port)
    {
        Assert.True(File.Exists(RedisServer), $"{RedisServer} is missing: apt-get install redis-server (tests/run-all.sh does).");
        var password = Guid.NewGuid().ToString("N");
        var redis = ChildProcess.Start(RedisServer, "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--requirepass", password);
        await redis.WaitForLineAsync("Ready to accept connections", TimeSpan.FromSeconds(20));
        return new RedisNodes(redis, string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port},password={password}"), ClusterFiles.Certificate());
    }

    /// <summary>Starts a node advertised at (and bound to) 127.0.0.1; the caller waits for its ready line and disposes it.</summary>
    public ChildProcess StartNode(string name, int siloPort, int gatewayPort) =>
        ChildProcess.Start(WorkerLauncher.DotnetHostPath, "exec", Path.Combine(AppContext.BaseDirectory, "Dashboard.Node.dll"),
            "--Cluster:Membership=redis", $"--Cluster:Redis={Address}", $"--Cluster:ClusterId={ClusterId}",
            $"--Cluster:CertificatePath={Certificate.Path}", $"--Node:Name={name}", $"--Node:SiloPort={siloPort}",
            $"--Node:GatewayPort={gatewayPort}", "--Node:AdvertisedIp=127.0.0.1");

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        Certificate.Dispose();
    }
}
