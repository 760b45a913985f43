using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Web.Tests.Api;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// One sign-in for every surface: pages, API, hub, knobs; open only what must be open. An
/// oversize sign-in form is a 413 or 400 with problem details: never a 500, never a stack trace in the log.
/// </summary>
public sealed class SignInTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new();
    private HttpClient _anonymous = null!;

    public Task InitializeAsync()
    {
        _anonymous = Browserlike.Create(_factory.BaseAddress, out _);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _factory.DisposeAsync();
    }

    public static TheoryData<string, string> ProtectedMachineEndpoints => new()
    {
        { "GET", "/api/runs" },
        { "GET", "/api/runs/1" },
        { "POST", "/api/runs" },
        { "POST", "/api/runs/1/cancel" },
        { "DELETE", "/api/runs/1" },
        { "GET", "/api/runs/1/export/json" },
        { "POST", "/api/runs/import" },
        { "GET", "/sim/knobs" },
        { "PUT", "/sim/knobs" },
        { "DELETE", "/sim/knobs" },
        { "GET", "/sim/genre" },
        { "GET", "/sim/wiki/random" },
        { "GET", "/sim/wiki/some-page" },
        { "POST", "/sim/capabilities" },
        { "POST", "/hubs/runs/negotiate?negotiateVersion=1" },
        { "GET", "/openapi/v1.json" },
    };

    [Theory]
    [MemberData(nameof(ProtectedMachineEndpoints))]
    public async Task MachineEndpoint_NoCredential_Returns401Problem(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = method is "POST" or "PUT" ? Json("{}") : null,
        };

        using var response = await _anonymous.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Theory]
    [MemberData(nameof(ProtectedMachineEndpoints))]
    public async Task MachineEndpoint_WrongBearerToken_Returns401Problem(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = method is "POST" or "PUT" ? Json("{}") : null,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _factory.Token + "x");

        using var response = await _anonymous.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/history")]
    [InlineData("/targets")]
    [InlineData("/runs/1")]
    [InlineData("/compare?ids=1,2")]
    public async Task Page_NoCookie_RedirectsToLoginWithReturnUrl(string path)
    {
        using var response = await _anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"{_factory.BaseAddress.GetLeftPart(UriPartial.Authority)}/login?returnUrl=", location, StringComparison.Ordinal);
        Assert.Equal(path, Uri.UnescapeDataString(location[(location.IndexOf("returnUrl=", StringComparison.Ordinal) + 10)..]));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/login")]
    [InlineData("/assets/js/timeline.js")]
    public async Task OpenEndpoint_NoCredential_Answers200(string path)
    {
        using var response = await _anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LoginLink_RightToken_SetsStrictHttpOnlyCookieAndOpensPages()
    {
        using var client = Browserlike.Create(_factory.BaseAddress, out var cookies);

        using var login = await client.GetAsync(new Uri($"/login?t={_factory.Token}&returnUrl=%2Fhistory", UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/history", login.Headers.Location!.OriginalString);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Dashboard.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        using var page = await client.GetAsync(new Uri("/history", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var api = await client.GetAsync(new Uri("/api/runs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Theory]
    [InlineData("wrong-token-0123456789")]
    [InlineData("")]
    public async Task LoginLink_WrongToken_SignsNobodyIn(string token)
    {
        using var client = Browserlike.Create(_factory.BaseAddress, out var cookies);

        using var login = await client.GetAsync(new Uri($"/login?t={token}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("not this dashboard", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(cookies.GetCookies(_factory.BaseAddress));
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("http://evil.example/")]
    public async Task LoginLink_ReturnUrlOffSite_RedirectsHome(string returnUrl)
    {
        using var client = Browserlike.Create(_factory.BaseAddress, out _);

        using var login = await client.GetAsync(new Uri($"/login?t={_factory.Token}&returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LoginForm_PastedToken_SignsIn()
    {
        using var client = Browserlike.Create(_factory.BaseAddress, out var cookies);
        using var form = Browserlike.SameSite(HttpMethod.Post, "/login", _factory.BaseAddress, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["token"] = _factory.Token, ["returnUrl"] = "/targets" }));

        using var login = await client.SendAsync(form);

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/targets", login.Headers.Location!.OriginalString);
        Assert.Contains(cookies.GetCookies(_factory.BaseAddress), c => c.Name == ".Dashboard.Auth");
    }

    [Fact]
    public async Task Logout_SignedIn_ClearsTheSession()
    {
        using var client = await Browserlike.SignedInAsync(_factory);

        using var logout = await client.SendAsync(Browserlike.SameSite(HttpMethod.Post, "/logout", _factory.BaseAddress));

        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Start_TokenMode_TheLogFileNamesTheLinkButNeverHoldsTheToken()
    {
        _ = _factory.BaseAddress;

        var text = await AppLog.ReadAsync(_factory.DataDirectory, "is on the console only");

        // The link itself goes to the console only (RestartTests reads it from a real process's stdout).
        Assert.Contains($"The login link for {_factory.BaseAddress.GetLeftPart(UriPartial.Authority)} is on the console only", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_factory.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Login: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ModeNone_OpensEverythingAndWarnsNamingTheAddress()
    {
        await using var open = new DashboardFactory(new Dictionary<string, string?> { ["Auth:Mode"] = "None" });
        using var client = new HttpClient { BaseAddress = open.BaseAddress };

        using var api = await client.GetAsync(new Uri("/api/runs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var text = await AppLog.ReadAsync(open.DataDirectory, "Auth:Mode is None");
        Assert.Contains("Auth:Mode is None", text, StringComparison.Ordinal);
        Assert.Contains($":{open.BaseAddress.Port}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_Cookie_PersistsDataProtectionKeysOwnerOnly()
    {
        using var client = await Browserlike.SignedInAsync(_factory);

        var keys = Path.Combine(_factory.DataDirectory, "keys");
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        }
    }

    [Fact]
    public async Task FiveMegabyteField_Declared_Returns413Problem()
    {
        using var form = new StringContent("token=" + new string('x', 5 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await _anonymous.PostAsync(new Uri("/login", UriKind.Relative), form);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertLogHasNoErrorAsync();
    }

    [Fact]
    public async Task OversizeField_Chunked_Returns413Problem()
    {
        // 100 KB, past the 8 KB cap: small enough that the socket takes it all before the early 413
        // (a 5 MB chunked body can meet the closed connection mid-send, a client-side broken pipe).
        using var form = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("token=" + new string('x', 100 * 1024))));
        form.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative)) { Content = form };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _anonymous.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertLogHasNoErrorAsync();
    }

    [Fact]
    public async Task ThousandsOfSmallFields_Returns400Problem()
    {
        var fields = string.Join('&', Enumerable.Range(0, 1_000).Select(i => $"f{i}=1"));
        using var form = new StringContent(fields, Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await _anonymous.PostAsync(new Uri("/login", UriKind.Relative), form);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertLogHasNoErrorAsync();
    }

    private async Task AssertLogHasNoErrorAsync()
    {
        var log = await AppLog.ReadAsync(_factory.DataDirectory, "POST /login responded");
        Assert.Contains("POST /login responded", log, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERR]", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }
}
