using System.Diagnostics;
using System.Net;
using Dashboard.Engine.Workloads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Engine.Tests.Workloads;

/// <summary>
/// The real targets' policy over real loopback HTTP: 127.0.0.2 plays the allowed public host,
/// 127.0.0.3 one that is not on the allow-list (Linux routes all of 127.0.0.0/8 to lo). Plain http
/// is allowed here only through <see cref="TargetPolicy.AllowHttpForLoopback"/>.
/// </summary>
public sealed class RealTargetPolicyTests : IAsyncLifetime
{
    private const string Allowed = "127.0.0.2";
    private const string NotAllowed = "127.0.0.3";
    private const string Agent = "ConcurrencyDashboard/1.0 (+https://example.test/contact)";

    private readonly TempDirectory _dir = new();
    private readonly List<string> _agents = [];
    private readonly Lock _gate = new();
    private WebApplication? _allowed;
    private WebApplication? _other;
    private int _inFlight;
    private int _maxInFlight;
    private string _allowedBase = "";
    private string _otherBase = "";

    public async Task InitializeAsync()
    {
        _other = Server(NotAllowed, app =>
        {
            app.MapGet("/genre", () => Results.Json("evil genre"));
            app.MapGet("/wiki/random", () => Results.Content("<h1>Elsewhere</h1>", "text/html"));
        });
        await _other.StartAsync();
        _otherBase = _other.Urls.First().TrimEnd('/') + "/";

        _allowed = Server(Allowed, app =>
        {
            app.Use(async (context, next) =>
            {
                lock (_gate)
                {
                    _agents.Add(context.Request.Headers.UserAgent.ToString());
                    _inFlight++;
                    _maxInFlight = Math.Max(_maxInFlight, _inFlight);
                }

                try
                {
                    await next(context);
                }
                finally
                {
                    lock (_gate)
                    {
                        _inFlight--;
                    }
                }
            });
            app.MapGet("/genre", () => Results.Json("polite jazz"));
            app.MapGet("/slow/genre", async () =>
            {
                await Task.Delay(150);
                return Results.Json("slow jazz");
            });
            app.MapGet("/wiki/random", () => Results.Redirect("/wiki/Loopback_Article"));
            app.MapGet("/wiki/Loopback_Article", () => Results.Content("<html><body><h1>Loopback Article</h1></body></html>", "text/html"));
            app.MapGet("/away/wiki/random", () => Results.Redirect(_otherBase + "wiki/random"));
            app.MapGet("/loop/wiki/random", () => Results.Redirect("/loop/wiki/random"));
        });
        await _allowed.StartAsync();
        _allowedBase = _allowed.Urls.First().TrimEnd('/') + "/";
    }

    public async Task DisposeAsync()
    {
        await _allowed!.DisposeAsync();
        await _other!.DisposeAsync();
        _dir.Dispose();
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

    private static TargetPolicy Policy(int cap = 4, double rate = 50, int redirects = 5, bool allowHttp = true) =>
        new([Allowed], Agent, cap, rate, redirects, allowHttp);

    private IWorkload Genre(string baseUrl, TargetPolicy policy, int tasks = 1) =>
        WorkloadFactory.Create(new GenreParameters(tasks), new WorkloadEnvironment(baseUrl, _dir.Path, Policy: policy));

    private IWorkload Scrape(string baseUrl, TargetPolicy policy) =>
        WorkloadFactory.Create(new ScrapeParameters(1), new WorkloadEnvironment(baseUrl, _dir.Path, Policy: policy));

    private static TaskContext Context(int task) => new(task, null, CancellationToken.None);

    [Fact]
    public async Task AllowedHost_GenreBothWays_AnswersAndSendsTheConfiguredUserAgent()
    {
        using var workload = Genre(_allowedBase, Policy());
        workload.Prepare();

        Assert.Equal("polite jazz", workload.Run(Context(0)));
        Assert.Equal("polite jazz", await workload.RunAsync(Context(0)));
        lock (_gate)
        {
            Assert.Equal([Agent, Agent], _agents);
        }
    }

    [Fact]
    public async Task RedirectWithinAllowList_IsFollowedByHand()
    {
        using var workload = Scrape(_allowedBase, Policy());
        workload.Prepare();

        Assert.Equal("Loopback Article", await workload.RunAsync(Context(0)));
        Assert.Equal("Loopback Article", workload.Run(Context(0)));
        lock (_gate)
        {
            Assert.Equal(4, _agents.Count);
        }
    }

    [Fact]
    public async Task RedirectToHostNotAllowed_FailsTheTaskNamingTheHost_AndNeverCallsIt()
    {
        using var workload = Scrape(_allowedBase + "away/", Policy());
        workload.Prepare();

        var async = await Assert.ThrowsAsync<RedirectRefusedException>(() => workload.RunAsync(Context(0)).AsTask());
        var sync = Assert.Throws<RedirectRefusedException>(() => workload.Run(Context(0)));

        foreach (var e in new[] { async, sync })
        {
            Assert.Contains("redirect", e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"'{NotAllowed}'", e.Message, StringComparison.Ordinal);
            Assert.Contains("allow-list", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EndlessRedirects_StopAtTheLimit()
    {
        using var workload = Scrape(_allowedBase + "loop/", Policy(redirects: 3));
        workload.Prepare();

        var e = await Assert.ThrowsAsync<RedirectRefusedException>(() => workload.RunAsync(Context(0)).AsTask());

        Assert.Contains("Too many redirects: more than 3", e.Message, StringComparison.Ordinal);
        lock (_gate)
        {
            Assert.Equal(4, _agents.Count); // the first request and 3 redirects, not one more
        }
    }

    [Fact]
    public void PlainHttp_WithoutTheLoopbackTestOption_IsRefusedBeforeAnyRequest()
    {
        var e = Assert.Throws<ArgumentException>(() => Genre(_allowedBase, Policy(allowHttp: false)));

        Assert.Contains("not https", e.Message, StringComparison.Ordinal);
        lock (_gate)
        {
            Assert.Empty(_agents);
        }
    }

    [Fact]
    public void BaseOnHostNotAllowed_IsRefusedBeforeAnyRequest()
    {
        var e = Assert.Throws<ArgumentException>(() => Genre(_otherBase, Policy()));

        Assert.Contains($"'{NotAllowed}' is not in the allow-list", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyTasksAtOnce_ServerSeesAtMostTheCapInFlight_AndThePaceIsKept()
    {
        const int Tasks = 12;
        const int Cap = 3;
        const double Rate = 20;
        using var workload = Genre(_allowedBase + "slow/", Policy(cap: Cap, rate: Rate), Tasks);
        workload.Prepare();
        var clock = Stopwatch.StartNew();

        var genres = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(i => workload.RunAsync(Context(i)).AsTask()));

        clock.Stop();
        Assert.All(genres, g => Assert.Equal("slow jazz", g));
        lock (_gate)
        {
            Assert.Equal(Tasks, _agents.Count);
            Assert.InRange(_maxInFlight, 2, Cap);
        }

        // 12 starts spaced 1/20 s apart take at least 11/20 s; 12 x 150 ms over 3 slots at least 600 ms.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(550), $"took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void Pace_SpacesRequestStarts()
    {
        const int Tasks = 6;
        using var workload = Genre(_allowedBase, Policy(cap: 4, rate: 10), Tasks);
        workload.Prepare();
        var clock = Stopwatch.StartNew();

        var threads = Enumerable.Range(0, Tasks).Select(i => new Thread(() => workload.Run(Context(i)))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        // 6 starts at 10 per second: the last starts 0.5 s after the first.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(480), $"took {clock.Elapsed.TotalMilliseconds:0} ms");
        lock (_gate)
        {
            Assert.Equal(Tasks, _agents.Count);
        }
    }
}
