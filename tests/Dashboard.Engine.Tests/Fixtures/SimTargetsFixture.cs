using System.Net;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Simulation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Engine.Tests.Fixtures;

/// <summary>
/// The real dashboard host (WebApplicationFactory&lt;Program&gt;) on a real loopback port, for tests
/// that talk HTTP to the simulated targets. Shared by every test of <see cref="SimTargetsCollection"/>;
/// tests of one collection run one at a time, so per-test knobs cannot collide. The targets answer
/// the lab only, so the fixture holds a capability as a run does (<see cref="Environment"/>).
/// </summary>
public sealed class SimTargetsFixture : IAsyncLifetime
{
    /// <summary>Latency the fixture starts with: short, so tests are quick but waits still overlap visibly.</summary>
    public const int FastLatencyMs = 20;

    private readonly WebApplicationFactory<Program> _factory = new();
    private WebApplicationFactory<Program>? _server;

    /// <summary>The targets' base address, e.g. "http://127.0.0.1:41234/sim/" (genre: BaseUrl + "genre").</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>A capability the targets accept (what the dashboard issues per run), sent in <see cref="WorkloadEnvironment.TargetCapabilityHeader"/>.</summary>
    public string Capability { get; private set; } = "";

    /// <summary>Where a workload calls these targets with this capability, writing into <paramref name="outputDirectory"/>.</summary>
    public WorkloadEnvironment Environment(string outputDirectory, int? requestTimeoutMs = null) =>
        new(BaseUrl, outputDirectory, requestTimeoutMs) { TargetCapability = Capability };

    /// <summary>The live knobs of the server (a real singleton; changes apply to the next request).</summary>
    public SimulationKnobs Knobs =>
        (_server ?? throw new InvalidOperationException("The fixture is not started.")).Services
        .GetRequiredService<SimulationKnobs>();

    public Task InitializeAsync()
    {
        _server = _factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            // Many tasks connect at the same instant; keep the accept queue deep enough for them.
            builder.ConfigureServices(services => services.Configure<SocketTransportOptions>(o => o.Backlog = 4096));
        });
        _server.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _server.StartServer();

        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        BaseUrl = $"{address.TrimEnd('/')}/sim/";
        Capability = _server.Services.GetRequiredService<LabCapabilities>().Issue(TimeSpan.FromHours(6)).Value;
        SetKnobs(k => k);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sets the knobs to <paramref name="change"/> applied to the fixture's baseline (the configured
    /// defaults with <see cref="FastLatencyMs"/> latency), so a test never inherits another's knobs.
    /// Example: <c>fixture.SetKnobs(k =&gt; k with { FailureRate = 1 })</c>.
    /// </summary>
    public SimulationOptions SetKnobs(Func<SimulationOptions, SimulationOptions> change) =>
        Knobs.Set(change(Knobs.Defaults with { GenreLatencyMs = FastLatencyMs, PageLatencyMs = FastLatencyMs }));

    /// <summary>Shorthand: the baseline with both latencies set to <paramref name="latencyMs"/>.</summary>
    public SimulationOptions SetLatency(int latencyMs) =>
        SetKnobs(k => k with { GenreLatencyMs = latencyMs, PageLatencyMs = latencyMs });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _factory.DisposeAsync();
    }
}
