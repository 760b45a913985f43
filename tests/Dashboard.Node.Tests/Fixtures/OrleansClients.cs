using System.Security.Cryptography.X509Certificates;
using Dashboard.Cluster.Hosting;
using Dashboard.Cluster.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Node.Tests.Fixtures;

/// <summary>
/// An Orleans client of a test's own, as anyone on the host could write one: it knows a node's
/// gateway port and cluster id (both on the node's command line) and holds whatever certificate the
/// test gives it (none, a stranger's, or the cluster's).
/// </summary>
public static class OrleansClients
{
    /// <summary>Connects to the local node at <paramref name="gatewayPort"/>; throws when the node refuses the connection.</summary>
    public static async Task<IHost> ConnectAsync(int gatewayPort, string clusterId, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(gatewayPort, LocalNodeManager.ServiceId, clusterId);
            if (certificate is not null)
            {
                client.UseTls(tls => ClusterCertificate.Configure(tls, certificate));
            }
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public static IClusterClient Client(this IHost host) => host.Services.GetRequiredService<IClusterClient>();
}
