using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Dashboard.Web.Simulation;

/// <summary>
/// A minimal Kestrel host serving only the simulated targets on a loopback port chosen by the OS;
/// the headless bench starts one in-process so it needs neither the dashboard nor the internet.
/// </summary>
public sealed class SimulatedTargetsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatedTargetsServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The targets' base address, e.g. "http://127.0.0.1:41234/sim/".</summary>
    public string BaseUrl { get; }

    /// <summary>The live knobs of this server.</summary>
    public SimulationKnobs Knobs => _app.Services.GetRequiredService<SimulationKnobs>();

    /// <summary>
    /// The capabilities its targets accept (<see cref="LabTargetAccess"/>): whoever starts a server
    /// issues one for its run, unless the server was started with Lab:OpenTargets.
    /// </summary>
    public LabCapabilities Capabilities => _app.Services.GetRequiredService<LabCapabilities>();

    /// <summary>Starts a server; <paramref name="configuration"/> may override the "Simulation" defaults.</summary>
    public static async Task<SimulatedTargetsServer> StartAsync(
        IEnumerable<KeyValuePair<string, string?>>? configuration, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // The bench must not pick up the dashboard's appsettings or URLs from the working folder.
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

        // Thousands of simultaneous connects (e.g. 1,000 async tasks) must not overflow the accept queue.
        builder.Services.Configure<SocketTransportOptions>(options => options.Backlog = 4096);
        builder.Services.AddSimulatedTargets(builder.Configuration);

        var app = builder.Build();
        app.MapSimulatedTargets();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new SimulatedTargetsServer(app, $"{address.TrimEnd('/')}{SimulatedTargetEndpoints.Prefix}/");
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
