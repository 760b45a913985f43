using Dashboard.Cluster.Client;
using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Cluster.Hosting;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// The lab cluster (section "Cluster", checked at start): an <see cref="ITaskCluster"/> that
    /// starts local nodes or joins redis membership on the first cluster run, and a hosted service
    /// that stops the client and the nodes at shutdown. <paramref name="targets"/> says which targets
    /// the local nodes may call (asked when they start); without it they call none.
    /// </summary>
    public static IServiceCollection AddLabCluster(this IServiceCollection services, Func<IServiceProvider, NodeTargets>? targets = null)
    {
        services.AddOptions<LabClusterOptions>()
            .BindConfiguration(LabClusterOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LabClusterOptions>, ValidateLabClusterOptions>();
        services.AddSingleton(sp => new ClusterConnection(sp.GetRequiredService<IOptions<LabClusterOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>(), targets is null ? null : () => targets(sp)));
        services.AddSingleton<ITaskCluster>(sp => sp.GetRequiredService<ClusterConnection>());
        services.AddHostedService<ClusterShutdown>();
        return services;
    }

    private sealed class ValidateLabClusterOptions : IValidateOptions<LabClusterOptions>
    {
        public ValidateOptionsResult Validate(string? name, LabClusterOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }

    /// <summary>Stops the nodes when the app stops (the pipe on their stdin covers a crash).</summary>
    private sealed class ClusterShutdown(ClusterConnection cluster) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => cluster.StopAsync();
    }
}
