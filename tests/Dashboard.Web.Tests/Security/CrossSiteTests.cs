using System.Net;
using System.Net.WebSockets;
using System.Text;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Security;

/// <summary>Nothing from another site: cookie requests and WebSockets need this site's Origin; bodies need JSON.</summary>
public sealed class CrossSiteTests : IAsyncLifetime
{
    private const string HelloRun =
        """{"workload":"hello","tasks":2,"strategies":["sequential"],"repeat":1,"warmup":0,"options":{"delayMs":1}}""";

    private readonly DashboardFactory _factory = new();
    private HttpClient _browser = null!;

    public async Task InitializeAsync() => _browser = await Browserlike.SignedInAsync(_factory);

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _factory.DisposeAsync();
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Referer", "http://evil.example/page")]
    public async Task CookiePost_FromAnotherSite_Returns403AndQueuesNothing(string header, string value)
    {
        var before = _factory.Services.GetRequiredService<IRunQueue>().List().Count;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/runs", UriKind.Relative)) { Content = Json(HelloRun) };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await _browser.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before, _factory.Services.GetRequiredService<IRunQueue>().List().Count);
    }

    [Fact]
    public async Task CookiePost_NoOriginNoReferer_Returns403()
    {
        using var response = await _browser.PostAsync(new Uri("/api/runs", UriKind.Relative), Json(HelloRun));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CookiePost_SameSite_IsAccepted()
    {
        using var request = Browserlike.SameSite(HttpMethod.Post, "/api/runs", _factory.BaseAddress, Json(HelloRun));

        using var response = await _browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/sim/knobs")]
    [InlineData("DELETE", "/sim/knobs")]
    [InlineData("DELETE", "/api/runs/1")]
    [InlineData("POST", "/api/runs/1/cancel")]
    [InlineData("POST", "/hubs/runs/negotiate?negotiateVersion=1")]
    public async Task CookieStateChange_FromAnotherSite_Returns403(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = method == "PUT" ? Json("""{"failureRate":1}""") : null,
        };
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await _browser.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task HubWebSocket_CookieFromAnotherSite_IsRefusedAndCannotCancel()
    {
        var queue = _factory.Services.GetRequiredService<IRunQueue>();
        var run = queue.Enqueue(Runs.RunTestHelpers.HelloPlan(tasks: 2, delayMs: 5_000, "sequential"));
        using var socket = CookieSocket("http://evil.example");

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(HubUri(), CancellationToken.None));

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
        Assert.False(queue.Find(run.Id)!.IsFinished);
        Assert.True(queue.Cancel(run.Id));
    }

    [Fact]
    public async Task HubWebSocket_CookieFromThisSite_Connects()
    {
        using var socket = CookieSocket(_factory.BaseAddress.GetLeftPart(UriPartial.Authority));

        await socket.ConnectAsync(HubUri(), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);

        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task PostRun_NotJsonContentType_Returns415(string? contentType)
    {
        using var client = _factory.CreateSignedInClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(HelloRun));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await client.PostAsync(new Uri("/api/runs", UriKind.Relative), content);
        using var import = await client.PostAsync(new Uri("/api/runs/import", UriKind.Relative), content);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        await AssertProblemAsync(import, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task PutKnobs_NotJsonContentType_Returns415()
    {
        using var client = _factory.CreateSignedInClient();
        using var content = new StringContent("""{"failureRate":1}""", Encoding.UTF8, "text/plain");

        using var response = await client.PutAsync(new Uri("/sim/knobs", UriKind.Relative), content);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private Uri HubUri() =>
        new UriBuilder(new Uri(_factory.BaseAddress, "hubs/runs")) { Scheme = "ws" }.Uri;

    private ClientWebSocket CookieSocket(string origin)
    {
        var socket = new ClientWebSocket();
        var cookies = new CookieContainer();
        using var signIn = Browserlike.Create(_factory.BaseAddress, out var signInCookies);
        using (var login = signIn.GetAsync(new Uri($"/login?t={_factory.Token}", UriKind.Relative)).GetAwaiter().GetResult())
        {
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        }

        foreach (Cookie cookie in signInCookies.GetCookies(_factory.BaseAddress))
        {
            cookies.Add(HubUri(), new Cookie(cookie.Name, cookie.Value, "/", _factory.BaseAddress.Host));
        }

        socket.Options.Cookies = cookies;
        socket.Options.SetRequestHeader("Origin", origin);
        return socket;
    }
}
