using System.Net;
using Dashboard.Web.Hubs;
using Dashboard.Web.Tests.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Security;

/// <summary>A client holds at most Hubs:MaxConnectionsPerClient run-hub connections; one more is refused with the reason.</summary>
public sealed class HubConnectionCapTests
{
    [Fact]
    public async Task ThirdConnection_OverACapOfTwo_Refused429WithTheReason_FreedWhenOneCloses()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?> { ["Hubs:MaxConnectionsPerClient"] = "2" });
        await using var one = await RunHubClient.ConnectAsync(app, CancellationToken.None);
        await using var two = await RunHubClient.ConnectAsync(app, CancellationToken.None);
        var guard = app.Services.GetRequiredService<RunHubGuard>();
        await WaitForConnectionsAsync(guard, 2);

        using var client = app.CreateSignedInClient();
        using var negotiate = await client.PostAsync(new Uri("/hubs/runs/negotiate?negotiateVersion=1", UriKind.Relative), content: null);
        await AssertProblemAsync(negotiate, HttpStatusCode.TooManyRequests);
        Assert.Contains("already has 2 connections to the run hub (Hubs:MaxConnectionsPerClient)", await negotiate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => RunHubClient.ConnectAsync(app, CancellationToken.None));
        Assert.Contains("429", refused.Message, StringComparison.Ordinal);

        await one.StopAsync();
        await WaitForConnectionsAsync(guard, 1);

        await using var three = await RunHubClient.ConnectAsync(app, CancellationToken.None);
        Assert.Equal(HubConnectionState.Connected, three.State);
        Assert.Equal(7, await three.InvokeAsync<long>("Ping", 7L));
    }

    [Fact]
    public void Configuration_OutOfRange_RefusedAtStart()
    {
        using var app = new DashboardFactory(new Dictionary<string, string?> { ["Hubs:MaxConnectionsPerClient"] = "0" });

        var ex = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains("Hubs:MaxConnectionsPerClient must be between 1 and 10000", ex.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The server counts a connection in and out when it sees it open and close, a moment after the client does.</summary>
    private static async Task WaitForConnectionsAsync(RunHubGuard guard, int expected)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (guard.Connections("127.0.0.1") != expected)
        {
            await Task.Delay(50, patience.Token);
        }
    }
}
