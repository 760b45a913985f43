using Dashboard.Web.Runs;

namespace Dashboard.Web.Hubs;

public static class RunHubExtensions
{
    public const string Path = "/hubs/runs";

    /// <summary>SignalR with camelCase JSON, enums as camelCase strings (<see cref="WireJson"/>).</summary>
    public static IServiceCollection AddRunHub(this IServiceCollection services)
    {
        services.AddSignalR()
            .AddJsonProtocol(o => WireJson.Configure(o.PayloadSerializerOptions));
        services.AddSingleton<RunHubShutdown>();
        return services;
    }

    /// <summary>
    /// Maps <see cref="RunHub"/> at <see cref="Path"/> ("/hubs/runs"), then registers the graceful
    /// stop's wait (<see cref="RunHubShutdown"/>): after the mapping, so that it runs before
    /// SignalR closes the connections.
    /// </summary>
    public static IEndpointConventionBuilder MapRunHub(this IEndpointRouteBuilder endpoints)
    {
        var hub = endpoints.MapHub<RunHub>(Path);
        endpoints.ServiceProvider.GetRequiredService<RunHubShutdown>().Register();
        return hub;
    }
}
