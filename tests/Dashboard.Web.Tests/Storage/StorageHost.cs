using Dashboard.Web.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// A real generic host with only the storage registered, started on a data folder, so a test can
/// stop it and start another on the same folder, exactly as an app restart does.
/// </summary>
public sealed class StorageHost : IAsyncDisposable
{
    private readonly IHost _host;

    private StorageHost(IHost host) => _host = host;

    public IRunStore Store => _host.Services.GetRequiredService<IRunStore>();

    public IServiceProvider Services => _host.Services;

    public static async Task<StorageHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ContentRootPath = dataDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Dashboard.Web.Runs.Host.DataFolder.ConfigurationKey] = dataDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // EF logs every statement at Information; that would swamp the output and skew the figures.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddDashboardStorage();
        var host = builder.Build();
        await host.StartAsync(TestContext.Timeout);
        return new StorageHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TestContext.Timeout);
        _host.Dispose();
    }
}
