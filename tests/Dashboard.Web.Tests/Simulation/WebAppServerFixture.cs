using System.Net;
using Dashboard.Web.Simulation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Simulation;

/// <summary>The whole dashboard host on a real loopback port, shared by <see cref="WebAppServerCollection"/>.</summary>
public sealed class WebAppServerFixture : IAsyncLifetime
{
    private readonly WebApplicationFactory<Program> _factory = new();
    private WebApplicationFactory<Program>? _server;
    private LabCapability? _capability;

    /// <summary>The app's root, e.g. "http://127.0.0.1:41234/".</summary>
    public Uri RootUrl { get; private set; } = new("http://127.0.0.1/");

    public SimulationKnobs Knobs =>
        (_server ?? throw new InvalidOperationException("The fixture is not started.")).Services
        .GetRequiredService<SimulationKnobs>();

    public Task InitializeAsync()
    {
        _server = _factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Auth:Token", Token);
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureServices(services => services.Configure<SocketTransportOptions>(o => o.Backlog = 4096));
        });
        _server.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _server.StartServer();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        RootUrl = new Uri(address.TrimEnd('/') + "/");
        return Task.CompletedTask;
    }

    /// <summary>Sets the knobs to <paramref name="change"/>(configured defaults) so tests never inherit knobs.</summary>
    public SimulationOptions SetKnobs(Func<SimulationOptions, SimulationOptions> change) =>
        Knobs.Set(change(Knobs.Defaults));

    /// <summary>The sign-in token of this server (needed to change knobs).</summary>
    public string Token { get; } = "sim-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// A client to this server, signed in with the bearer token and holding a capability for the
    /// targets (as the lab's workers do: a followed redirect drops the Authorization header, not
    /// this one) unless asked not to; redirects are not followed unless asked.
    /// </summary>
    public HttpClient CreateClient(bool followRedirects = false, bool signedIn = true)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = RootUrl };
        if (signedIn)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
            _capability ??= _server!.Services.GetRequiredService<LabCapabilities>().Issue(TimeSpan.FromHours(1));
            client.DefaultRequestHeaders.Add(Dashboard.Engine.Workloads.WorkloadEnvironment.TargetCapabilityHeader, _capability.Value);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _factory.DisposeAsync();
    }
}
