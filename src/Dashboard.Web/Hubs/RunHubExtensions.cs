using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Web.Hubs;

public static class RunHubExtensions
{
    public const string Path = "/hubs/runs";

    /// <summary>SignalR with camelCase JSON, enums as camelCase strings (<see cref="WireJson"/>), and MessagePack (<see cref="WirePack"/>).</summary>
    public static IServiceCollection AddRunHub(this IServiceCollection services)
    {
        services.AddOptions<RunHubOptions>().BindConfiguration(RunHubOptions.SectionName)
            .Validate(o => o.MaxConnectionsPerClient is >= 1 and <= RunHubOptions.MaxMaxConnectionsPerClient,
                $"{RunHubOptions.SectionName}:{nameof(RunHubOptions.MaxConnectionsPerClient)} must be between 1 and {RunHubOptions.MaxMaxConnectionsPerClient}.")
            .ValidateOnStart();
        services.AddSingleton<RunHubGuard>();
        // JSON for browsers and existing clients; MessagePack for clients that ask for it, where
        // Watch's events travel as packed columns (WirePack).
        services.AddSignalR()
            .AddJsonProtocol(o => WireJson.Configure(o.PayloadSerializerOptions))
            .AddMessagePackProtocol()
            .AddHubOptions<RunHub>(o => o.AddFilter<RunHubGuard>());
        services.AddSingleton<RunHubShutdown>();
        return services;
    }

    /// <summary>
    /// Maps <see cref="RunHub"/> at <see cref="Path"/> ("/hubs/runs"); a negotiate from a client
    /// that holds its most connections already is a 429 with the reason (<see cref="RunHubGuard"/>).
    /// Then registers the graceful stop's wait (<see cref="RunHubShutdown"/>): after the mapping,
    /// so that it runs before SignalR closes the connections.
    /// </summary>
    public static IEndpointConventionBuilder MapRunHub(this IEndpointRouteBuilder endpoints)
    {
        var guard = endpoints.ServiceProvider.GetRequiredService<RunHubGuard>();
        var hub = endpoints.MapHub<RunHub>(Path);

        // Both the negotiate and the connection endpoint: refused before any WebSocket is opened.
        hub.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = async context =>
            {
                if (guard.Refusal(ClientAddress.Of(context)) is { } refused)
                {
                    await DashboardAuth.WriteProblemAsync(context, StatusCodes.Status429TooManyRequests, "Too many hub connections", refused);
                    return;
                }

                await inner(context);
            };
        });
        endpoints.ServiceProvider.GetRequiredService<RunHubShutdown>().Register();
        return hub;
    }
}
