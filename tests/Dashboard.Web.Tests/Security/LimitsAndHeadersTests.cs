using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Security;

/// <summary>Body caps that hold for chunked bodies, rate limits, headers, and errors as problem details.</summary>
public sealed class LimitsAndHeadersTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new(new Dictionary<string, string?>
    {
        ["Api:MaxImportBytes"] = "65536",
        ["RateLimits:RunsPerMinute"] = "3",
        ["RateLimits:ImportsPerMinute"] = "100",
    });

    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateSignedInClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/runs")]
    [InlineData("/api/runs/import")]
    public async Task Post_Chunked2MbBody_Returns413WithoutEchoingIt(string path)
    {
        var huge = "{\"workload\":\"hello\",\"label\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using var content = new ChunkedContent(huge);

        using var response = await _client.PostAsync(new Uri(path, UriKind.Relative), content);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.True((await response.Content.ReadAsStringAsync()).Length < 1_000);
    }

    [Fact]
    public async Task Import_DeclaredOversizeBody_Returns413()
    {
        using var limited = _factory.CreateSignedInClient();
        var body = "{\"workload\":\"hello\",\"label\":\"" + new string('x', 100 * 1024) + "\"}";

        using var response = await limited.PostAsync(new Uri("/api/runs/import", UriKind.Relative), Json(body));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostRun_OverRateLimit_Returns429WithRetryAfter()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();

            // Not valid runs (400): the limiter counts requests, and nothing gets queued.
            last = await _client.PostAsync(new Uri("/api/runs", UriKind.Relative), Json("""{"workload":"nope"}"""));
            statuses.Add(last.StatusCode);
        }

        using (last)
        {
            Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
            await AssertProblemAsync(last!, HttpStatusCode.TooManyRequests);
            Assert.True(last!.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After {last.Headers.RetryAfter}");
        }
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/api/runs")]
    [InlineData("/")]
    public async Task Response_AnyPage_CarriesSecurityHeaders(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiError_Production_IsProblemDetailsWithoutStackTrace()
    {
        await using var production = new DashboardFactory(services: s => s.AddSingleton<IStartupFilter>(new ThrowOnBoom()), environment: "Production");
        using var client = production.CreateSignedInClient();

        using var response = await client.GetAsync(new Uri("/api/boom", UriKind.Relative));

        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", await response.Content.ReadAsStringAsync());
        await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.Contains("request id", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiRoute_IsProblemDetails()
    {
        using var response = await _client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    /// <summary>A body sent with Transfer-Encoding: chunked (no Content-Length), as a streaming client does.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly string _text;

        public ChunkedContent(string text)
        {
            _text = text;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = Encoding.UTF8.GetBytes(_text);
            for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Adds, at the end of the app's pipeline (inside its error handling), a route that throws.</summary>
    private sealed class ThrowOnBoom : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == "/api/boom"
                ? throw new InvalidOperationException("secret detail")
                : Task.CompletedTask);
        };
    }
}
