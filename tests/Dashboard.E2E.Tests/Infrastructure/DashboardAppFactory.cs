using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.E2E.Tests.Infrastructure;

/// <summary>The real app on a free loopback Kestrel port, writing into <paramref name="dataDirectory"/>.</summary>
public sealed class DashboardAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="settings">More configuration for this app (e.g. small rate limits); null for none.</param>
    public DashboardAppFactory(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _dataDirectory = dataDirectory;
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(0);
    }

    /// <summary>The sign-in token (the test opens the login link with it, as a person does).</summary>
    public string Token { get; } = "e2e-" + Guid.NewGuid().ToString("N");

    /// <summary>http://127.0.0.1:port/ of the running server (starts it on first use).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)
                .Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Dashboard:DataDirectory", _dataDirectory);
        builder.UseSetting("Auth:Token", Token);

        // The live timeline benchmark queues 10,000 async waits of 1 s: 10,000 s of sequential
        // work, over the default run budget (900 s). The budget has its own tests.
        builder.UseSetting("Runs:MaxRunSeconds", "100000");

        // Two lab nodes starting on two cores that other tests keep busy took longer than the app's
        // default join timeout (30 s): every task of the cluster run then failed and the node panel
        // stayed empty. Tests wait for conditions, not for a start this slow to be fast.
        builder.UseSetting("Cluster:JoinTimeoutSeconds", "300");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
