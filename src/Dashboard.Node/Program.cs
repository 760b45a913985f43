using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Cluster.Hosting;
using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Dashboard.Node;

/// <summary>
/// A lab node: an Orleans silo that runs the cluster strategy's task grains with the Engine's
/// workloads. Started by the app (localhost membership, ports on the command line) or by hand / by
/// compose on other machines (redis membership). It trusts nothing on the wire: connections are
/// mutual TLS with the cluster's certificate (Cluster:CertificatePath), and a call carries ids and
/// parameters only, while the targets (Node:Targets) and the output root (Node:OutputRoot) are its
/// own settings. Prints one ready line on stdout once it has joined; logs go to stderr.
/// </summary>
internal static class NodeProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var settings = builder.Configuration.GetSection(NodeSettings.SectionName).Get<NodeSettings>() ?? new NodeSettings();
        var cluster = builder.Configuration.GetSection(LabClusterOptions.SectionName).Get<LabClusterOptions>() ?? new LabClusterOptions();
        var targets = builder.Configuration.GetSection(NodeTargets.SectionName).Get<NodeTargets>() ?? new NodeTargets();
        var errors = settings.Validate().Concat(cluster.Validate()).Concat(targets.Validate()).ToList();
        if (string.IsNullOrWhiteSpace(cluster.CertificatePath))
        {
            errors.Add("Cluster:CertificatePath must name the cluster's certificate (a PEM file with the certificate and its key): a node talks mutual TLS only.");
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine(error);
            }

            return 2;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = ClusterCertificate.Load(cluster.CertificatePath!);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        using var outputs = NodeOutputRoot.Open(settings.OutputRoot);
        var name = string.IsNullOrWhiteSpace(settings.Name) ? $"{Dns.GetHostName()}-{Environment.ProcessId}" : settings.Name;
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        builder.UseOrleans(silo =>
        {
            if (cluster.IsRedis)
            {
                silo.UseRedisClustering(cluster.Redis!);
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = LocalNodeManager.ServiceId;
                });
                silo.ConfigureEndpoints(AdvertisedAddress(settings.AdvertisedIp), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: settings.ListenOnAnyAddress);
            }
            else
            {
                var primary = new IPEndPoint(IPAddress.Loopback, settings.PrimaryPort ?? settings.SiloPort);
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, primary, LocalNodeManager.ServiceId, cluster.ClusterId);
            }

            silo.Configure<SiloOptions>(o => o.SiloName = name);

            // Times each call's turn; a long one (a grain that blocked) goes back with the task's outcome.
            silo.AddIncomingGrainCallFilter<LongTurnFilter>();
            silo.UseTls(tls => ClusterCertificate.Configure(tls, certificate));

            // Lab timings: a killed node is noticed in seconds, not the production default's minute.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        });
        builder.Services.AddSingleton(new NodeIdentity(name));
        builder.Services.AddSingleton(new NodeOptions { CpuSlots = settings.CpuSlots });
        builder.Services.AddSingleton<NodeCpuSlots>();
        builder.Services.AddSingleton(targets);
        builder.Services.AddSingleton(new NodeOutputs(outputs.Path));
        builder.Services.AddSingleton<NodeJobs>();

        using var host = builder.Build();
        await host.StartAsync();
        Console.Out.WriteLine(NodeProtocol.Ready(name, Environment.ProcessId, MonotonicClock.Now));
        Console.Out.Flush();

        if (settings.WatchStdin)
        {
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            var watcher = new Thread(() =>
            {
                // The app holds the other end: its end (a stop, or the app's death) stops this node.
                try
                {
                    var stdin = Console.OpenStandardInput();
                    var buffer = new byte[256];
                    while (stdin.Read(buffer, 0, buffer.Length) > 0)
                    {
                    }
                }
                catch (IOException)
                {
                }

                lifetime.StopApplication();

                // A task that ignores cancellation (native GMP) gets a moment, then the process goes.
                Thread.Sleep(TimeSpan.FromSeconds(3));
                Environment.Exit(3);
            })
            { IsBackground = true, Name = "stdin watcher" };
            watcher.Start();
        }

        await host.WaitForShutdownAsync();
        return 0;
    }

    private static IPAddress AdvertisedAddress(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.Parse(configured);
        }

        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
