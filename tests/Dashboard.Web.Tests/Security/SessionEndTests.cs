using System.Net;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Storage;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Sessions end when they should: signing out ends that session on the server (a copy of its
/// cookie stops working too, across a restart), and a new Auth:Token ends every cookie signed in
/// under the old one, checked on every request, hub call and open hub connection.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SessionEndTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Logout_ACopyOfTheCookie_Gets401AndTheSignInPage()
    {
        await using var app = Start("first-token-0123456789abcdef");
        var signedIn = await Browserlike.SignedInWithCookieAsync(app);
        using var browser = signedIn.Client;
        var cookie = signedIn.Cookie;
        using (var copy = WithCookie(app, cookie))
        using (var before = await copy.GetAsync(new Uri("/api/runs", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var logout = await browser.SendAsync(Browserlike.SameSite(HttpMethod.Post, "/logout", app.BaseAddress));

        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        using var stolen = WithCookie(app, cookie);
        using var api = await stolen.GetAsync(new Uri("/api/runs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using var page = await stolen.GetAsync(new Uri("/history", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, app.Services.GetRequiredService<SessionRevocations>().Count);
    }

    [Fact]
    public async Task Restart_SameToken_KeepsSessionsButNotTheSignedOutOne()
    {
        string kept;
        string ended;
        await using (var first = Start("same-token-0123456789abcdef"))
        {
            var one = await Browserlike.SignedInWithCookieAsync(first);
            var two = await Browserlike.SignedInWithCookieAsync(first);
            using var oneClient = one.Client;
            using var twoClient = two.Client;
            kept = one.Cookie;
            ended = two.Cookie;
            using var logout = await twoClient.SendAsync(Browserlike.SameSite(HttpMethod.Post, "/logout", first.BaseAddress));
            Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        }

        // A new host on the same data folder and keys: what a restart is.
        await using var second = Start("same-token-0123456789abcdef");

        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(second, kept));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(second, ended));
        var stored = Path.Combine(_data.Path, SessionRevocations.FileName);
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(stored));
    }

    [Fact]
    public async Task Restart_NewToken_EndsEveryCookieOfTheOldOne()
    {
        string cookie;
        await using (var first = Start("old-token-0123456789abcdef"))
        {
            var signedIn = await Browserlike.SignedInWithCookieAsync(first);
            signedIn.Client.Dispose();
            cookie = signedIn.Cookie;
            Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(first, cookie));
        }

        await using var second = Start("new-token-fedcba9876543210");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(second, cookie));
        using var client = WithCookie(second, cookie);
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        using var negotiate = await client.SendAsync(Browserlike.SameSite(HttpMethod.Post, "/hubs/runs/negotiate?negotiateVersion=1", second.BaseAddress));
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        using var circuit = await client.SendAsync(Browserlike.SameSite(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1", second.BaseAddress));
        Assert.Equal(HttpStatusCode.Unauthorized, circuit.StatusCode);

        // The new token signs in as usual.
        using var fresh = await Browserlike.SignedInAsync(second);
        using var api = await fresh.GetAsync(new Uri("/api/runs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Logout_AnOpenHubConnectionOfThatSession_IsClosed()
    {
        await using var app = Start("hub-token-0123456789abcdef");
        var signedIn = await Browserlike.SignedInWithCookieAsync(app);
        using var browser = signedIn.Client;
        var cookie = signedIn.Cookie;
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "hubs/runs"), o =>
            {
                o.Cookies.Add(new Cookie(DashboardAuth.CookieName, cookie, "/", app.BaseAddress.Host));
                o.Headers["Origin"] = app.BaseAddress.GetLeftPart(UriPartial.Authority);
            })
            .Build();
        hub.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        Assert.Equal(42, await hub.InvokeAsync<long>("Ping", 42L));

        using var logout = await browser.SendAsync(Browserlike.SameSite(HttpMethod.Post, "/logout", app.BaseAddress));

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    private DashboardFactory Start(string token) =>
        new(new Dictionary<string, string?> { ["Auth:Token"] = token }, dataDirectory: _data.Path);

    private static HttpClient WithCookie(DashboardFactory app, string cookie)
    {
        var client = Browserlike.Create(app.BaseAddress, out var cookies);
        cookies.Add(app.BaseAddress, new Cookie(DashboardAuth.CookieName, cookie));
        return client;
    }

    private static async Task<HttpStatusCode> StatusWithCookieAsync(DashboardFactory app, string cookie)
    {
        using var client = WithCookie(app, cookie);
        using var response = await client.GetAsync(new Uri("/api/runs", UriKind.Relative));
        return response.StatusCode;
    }
}
