using System.Net;
using Dashboard.Web.Tests.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.RealTargets;

/// <summary>
/// "targets": "real" on POST /api/runs and the Lab:RealTargets configuration checked at start.
/// The "public" host is a loopback server on 127.0.0.2 (plain http through
/// Lab:RealTargets:AllowHttpForLoopback); 127.0.0.3 plays a host that is not allowed.
/// </summary>
public sealed class RealTargetsApiTests : SignedInApiTest
{
    private static Dictionary<string, string?> Real(string? genre = null, string? scrape = null, string hosts = "127.0.0.2", bool allowHttp = true) => new()
    {
        ["Lab:RealTargets:Genre"] = genre,
        ["Lab:RealTargets:Scrape"] = scrape,
        ["Lab:RealTargets:AllowedHosts:0"] = hosts,
        ["Lab:RealTargets:AllowHttpForLoopback"] = allowHttp ? "true" : "false",
        ["Lab:RealTargets:Contact"] = "mailto:lab@example.test",
    };

    [Theory]
    [InlineData("genre", "Lab:RealTargets:Genre")]
    [InlineData("scrape", "Lab:RealTargets:Scrape")]
    public async Task PostRun_RealWithNothingConfigured_Returns400NamingTheMissingKey(string workload, string key)
    {
        using var response = await Client.PostAsync("/api/runs", Json($$"""{"workload":"{{workload}}","tasks":2,"strategies":["sequential"],"targets":"real"}"""));

        var problem = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = problem.GetProperty("errors").GetProperty("targets")[0].GetString()!;
        Assert.Contains($"targets real needs {key}", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"workload":"genre","tasks":2,"targets":"https://evil.example/"}""", "targets", "targets must be one of simulated, real")]
    [InlineData("""{"workload":"genre","tasks":2,"targetUrl":"https://evil.example/"}""", "targetUrl", "Unknown field 'targetUrl'")]
    [InlineData("""{"workload":"genre","tasks":2,"options":{"targetUrl":"https://evil.example/"}}""", "options.targetUrl", "knob of the simulated targets")]
    [InlineData("""{"workload":"hello","tasks":2,"targets":"real"}""", "targets", "genre and scrape workloads only")]
    public async Task PostRun_BodyCannotCarryAnAddress_Returns400(string body, string field, string expected)
    {
        using var response = await Client.PostAsync("/api/runs", Json(body));

        var problem = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem.GetProperty("errors").GetProperty(field).EnumerateArray(),
            e => e.GetString()!.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.3:9/", "127.0.0.2", true, "'127.0.0.3' is not in the allow-list")]
    [InlineData("http://127.0.0.2:9/", "127.0.0.2", false, "is not https")]
    [InlineData("https://en.wikipedia.org/", "en.wikipedia.org", true, "AllowHttpForLoopback is for tests only")]
    [InlineData("https://en.wikipedia.org/?q=1", "en.wikipedia.org", false, "must carry no user, query or fragment")]
    public async Task Start_ConfiguredTargetBreaksTheRules_FailsNamingWhy(string genre, string hosts, bool allowHttp, string expected)
    {
        await using var factory = new DashboardFactory(Real(genre: genre, hosts: hosts, allowHttp: allowHttp));

        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(expected, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_RealGenreAndScrape_CallTheConfiguredHost_AndARedirectAwayFailsEveryTask()
    {
        var agents = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var otherHits = 0;
        await using var other = Server("127.0.0.3", app => app.MapGet("/wiki/random", () =>
        {
            Interlocked.Increment(ref otherHits);
            return Results.Content("<h1>Elsewhere</h1>", "text/html");
        }));
        await other.StartAsync();
        var otherBase = other.Urls.First().TrimEnd('/');
        await using var allowed = Server("127.0.0.2", app =>
        {
            app.Use((context, next) =>
            {
                agents.Enqueue(context.Request.Headers.UserAgent.ToString());
                return next(context);
            });
            app.MapGet("/api/genre", () => Results.Json("loopback polka"));
            app.MapGet("/wiki/random", () => Results.Redirect(otherBase + "/wiki/random"));
        });
        await allowed.StartAsync();
        var allowedBase = allowed.Urls.First().TrimEnd('/');

        await using var factory = new DashboardFactory(Real(genre: allowedBase + "/api/", scrape: allowedBase + "/"));
        using var client = Create(factory);

        var genre = await WaitForStateAsync(client,
            await StartRunAsync(client, """{"workload":"genre","tasks":3,"strategies":["sequential","async"],"runtime":"both","targets":"real"}"""),
            "completed", "failed", "cancelled");
        var scrape = await WaitForStateAsync(client,
            await StartRunAsync(client, """{"workload":"scrape","tasks":2,"strategies":["async"],"targets":"real"}"""),
            "completed", "failed", "cancelled");

        Assert.Equal("completed", genre.GetProperty("state").GetString());
        Assert.Equal(["sequential", "python-sequential", "async", "python-async"],
            genre.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("strategy").GetString()));
        Assert.All(genre.GetProperty("results").EnumerateArray(), r =>
        {
            Assert.Equal(3, r.GetProperty("tasksOk").GetInt32());
            Assert.Equal("ok", r.GetProperty("outputCheck").GetString());
        });
        var scraped = Assert.Single(scrape.GetProperty("results").EnumerateArray());
        Assert.Equal(0, scraped.GetProperty("tasksOk").GetInt32());
        Assert.Equal(2, scraped.GetProperty("tasksFailed").GetInt32());
        Assert.Equal(14, agents.Count); // 12 genre (.NET and Python twins) + 2 scrape first hops; the not-allowed host is never called
        Assert.All(agents, a => Assert.Equal("ConcurrencyDashboard/1.0 (+mailto:lab@example.test)", a));
        Assert.Equal(0, Volatile.Read(ref otherHits));
    }

    private static WebApplication Server(string address, Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Parse(address), 0));
        var app = builder.Build();
        routes(app);
        return app;
    }
}
