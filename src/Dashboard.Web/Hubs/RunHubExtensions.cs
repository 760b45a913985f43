using System.Text.Json.Serialization;

namespace Dashboard.Web.Hubs;

public static class RunHubExtensions
{
    public const string Path = "/hubs/runs";

    /// <summary>SignalR with camelCase JSON and enums as camelCase strings (what the JS timeline reads).</summary>
    public static IServiceCollection AddRunHub(this IServiceCollection services)
    {
        services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(
                new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        return services;
    }

    /// <summary>Maps <see cref="RunHub"/> at <see cref="Path"/> ("/hubs/runs").</summary>
    public static IEndpointConventionBuilder MapRunHub(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHub<RunHub>(Path);
}
