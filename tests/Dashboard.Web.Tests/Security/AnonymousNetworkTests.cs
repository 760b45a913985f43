using System.Net;
using Dashboard.Web.Simulation;
using Dashboard.Web.Tests.Runs;
using Dashboard.Web.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// No anonymous network by accident: with sign-in off the app starts on loopback only (unless
/// Auth:AllowAnonymousNetwork), and host filtering refuses a DNS-rebinding request.
/// </summary>
public sealed class AnonymousNetworkTests : IDisposable
{
    private const string Token = "network-token-0123456789abcdef";

    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ModeNone_ListeningOnEveryAddress_TheRealServerRefusesToStartNamingTheSetting()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerProcess.StartAsync(_data.Path, Token, timeout.Token, "--urls", "http://0.0.0.0:{port}", "--Auth:Mode=None"));

        Assert.Contains("The server exited with 2:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("The dashboard refused to start: Auth:Mode is None (no sign-in) and the dashboard listens on http://0.0.0.0:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:AllowAnonymousNetwork=true", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at Dashboard.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModeNone_AllowAnonymousNetwork_TheRealServerStartsOnEveryAddress()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await using var server = await ServerProcess.StartAsync(_data.Path, Token, timeout.Token,
            "--urls", "http://0.0.0.0:{port}", "--Auth:Mode=None", "--Auth:AllowAnonymousNetwork=true");

        using var anonymous = new HttpClient { BaseAddress = server.Client.BaseAddress };
        using var response = await anonymous.GetAsync(new Uri("/api/runs", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Auth:Mode is None", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModeNone_DnsRebinding_HostOfAnotherSiteIsRefusedAndTheKnobsStay()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?> { ["Auth:Mode"] = "None" });
        var knobs = app.Services.GetRequiredService<SimulationKnobs>();
        var before = knobs.Current;
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var evil = $"evil.example:{app.BaseAddress.Port}";
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri("/sim/knobs", UriKind.Relative)) { Content = Json("""{"failureRate":1}""") };
        request.Headers.Host = evil;
        request.Headers.Add("Origin", $"http://{evil}");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, knobs.Current);

        // This machine's own names still work.
        foreach (var host in new[] { "localhost", "127.0.0.1" })
        {
            using var own = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/runs", UriKind.Relative));
            own.Headers.Host = $"{host}:{app.BaseAddress.Port}";
            using var answer = await client.SendAsync(own);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
    }

    [Fact]
    public async Task ModeToken_AnyHostName_StillAnswers()
    {
        await using var app = new DashboardFactory();
        using var client = app.CreateSignedInClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/runs", UriKind.Relative));
        request.Headers.Host = $"lab.example:{app.BaseAddress.Port}";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
