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
        return services;
    }

    /// <summary>Maps <see cref="RunHub"/> at <see cref="Path"/> ("/hubs/runs").</summary>
    public static IEndpointConventionBuilder MapRunHub(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHub<RunHub>(Path);
}
