using Dashboard.Web.Runs.Feed;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hubs;

public static class RunHubClient
{
    /// <summary>A started .NET SignalR connection to /hubs/runs with the same JSON settings as the server.</summary>
    public static async Task<HubConnection> ConnectAsync(DashboardFactory factory, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.BaseAddress, "hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(factory.Token))
            .AddJsonProtocol(o => WireJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync(cancellationToken);
        return connection;
    }
}
