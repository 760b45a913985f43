using System.Net;
using System.Net.Http.Headers;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Guessing the token: wrong bearer tokens spend the same per-address sign-in allowance as the
/// login page (then 429 with Retry-After, for the right token too), a plain token is refused at
/// start, every failed sign-in is logged with its address, and behind a configured proxy each
/// client has its own allowance.
/// </summary>
public sealed class BruteForceTests
{
    [Fact]
    public async Task WrongBearerTokens_AfterTheAllowance_429WithRetryAfter_ForTheRightTokenAndTheLoginPageToo()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?> { ["RateLimits:LoginsPerMinute"] = "5" });
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await SendAsync(client, "/api/runs", "wrong-token-" + i);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
        using var right = await SendAsync(client, "/api/runs", app.Token);
        await AssertProblemAsync(right, HttpStatusCode.TooManyRequests);
        Assert.True(right.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After {right.Headers.RetryAfter}");
        using var login = await client.GetAsync(new Uri($"/login?t={app.Token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
    }

    [Fact]
    public async Task LoginPageAttempts_SpendTheSameAllowanceAsBearerTokens()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?> { ["RateLimits:LoginsPerMinute"] = "3" });
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        for (var i = 0; i < 3; i++)
        {
            using var login = await client.GetAsync(new Uri($"/login?t=guess-{i}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }

        using var bearer = await SendAsync(client, "/api/runs", "guess-3");

        Assert.Equal(HttpStatusCode.TooManyRequests, bearer.StatusCode);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaa", 1)]
    [InlineData("abababababababababababab", 2)]
    [InlineData("abcdefgabcdefgabcdefg", 7)]
    public async Task PlainToken_RefusedAtStartWithAMessage(string token, int distinct)
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?> { ["Auth:Token"] = token });

        var ex = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains($"Auth:Token must use at least 8 different characters (it uses {distinct})", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedSignIns_AreLoggedWithTheClientsAddress()
    {
        await using var app = new DashboardFactory();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        using (await SendAsync(client, "/api/runs", "not-the-token-0123456789"))
        using (await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "nope-0123456789" })))
        {
        }

        var log = await AppLog.ReadAsync(app.DataDirectory, "wrong token on POST");
        Assert.Contains("Failed sign-in from 127.0.0.1: wrong bearer token on GET /api/runs", log, StringComparison.Ordinal);
        Assert.Contains("Failed sign-in from 127.0.0.1: wrong token on POST /login", log, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token-0123456789", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BehindAConfiguredProxy_EachForwardedClientHasItsOwnAllowance()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["RateLimits:LoginsPerMinute"] = "3",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        using var proxy = new HttpClient { BaseAddress = app.BaseAddress };

        var first = await StatusesAsync(proxy, "203.0.113.5", 4);
        var second = await StatusesAsync(proxy, "203.0.113.6", 1);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.Unauthorized], second);
        var log = await AppLog.ReadAsync(app.DataDirectory, "203.0.113.6");
        Assert.Contains("Failed sign-in from 203.0.113.5", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAConfiguredProxy_XForwardedForIsIgnored()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?> { ["RateLimits:LoginsPerMinute"] = "3" });
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        var statuses = await StatusesAsync(client, "203.0.113.5", 2);
        statuses.AddRange(await StatusesAsync(client, "203.0.113.6", 2));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, string forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/runs", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess-" + i);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
