using System.Net;
using System.Net.Http.Json;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Simulation;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// The simulated targets answer the lab only: a run's workers, worker processes and Python twins
/// show the run's capability (which ends with the run), signed-in callers may call them, and
/// anonymous callers get 401 (so they take nothing from a running experiment's quota) unless
/// Lab:OpenTargets is set.
/// </summary>
public sealed class LabTargetsAccessTests
{
    [Fact]
    public async Task Run_EveryRuntimeShowsTheCapability_AllTasksOk_AndItEndsWithTheRun()
    {
        await using var app = new DashboardFactory();
        using var client = Create(app);

        var id = await StartRunAsync(client,
            """{"workload":"scrape","tasks":6,"strategies":["async","processes","async-processes"],"runtime":"both"}""");
        var run = await WaitForStateAsync(client, id, "completed", "failed", "cancelled");

        Assert.Equal("completed", run.GetProperty("state").GetString());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(6, results.Count);
        Assert.All(results, r => Assert.Equal(6, r.GetProperty("tasksOk").GetInt32()));
        Assert.Equal(0, app.Services.GetRequiredService<LabCapabilities>().Count);
    }

    [Fact]
    public async Task Anonymous_SixtyAtOnceUnderAQuota_All401_AndTheQuotaStaysForTheLab()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?> { ["Simulation:RateLimitPerSecond"] = "5", ["Simulation:GenreLatencyMs"] = "0" });
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };

        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/sim/genre", UriKind.Relative));
            if (i % 2 == 0)
            {
                request.Headers.Add(WorkloadEnvironment.TargetCapabilityHeader, "made-up-" + i);
            }

            using var response = await anonymous.SendAsync(request);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Unauthorized, status));

        // None of them took from the quota: the lab's own caller is served.
        using var capability = app.Services.GetRequiredService<LabCapabilities>().Issue(TimeSpan.FromMinutes(1));
        using var lab = new HttpClient { BaseAddress = app.BaseAddress };
        lab.DefaultRequestHeaders.Add(WorkloadEnvironment.TargetCapabilityHeader, capability.Value);
        using var first = await lab.GetAsync(new Uri("/sim/genre", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task CapabilityForAScript_WorksUntilDeleted()
    {
        await using var app = new DashboardFactory();
        using var signedIn = Create(app);
        using var issued = await signedIn.PostAsync(new Uri("/sim/capabilities", UriKind.Relative), content: null);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var capability = (await issued.Content.ReadFromJsonAsync<TargetCapabilityResponse>())!;
        Assert.Equal(WorkloadEnvironment.TargetCapabilityHeader, capability.Header);
        using var script = new HttpClient { BaseAddress = app.BaseAddress };
        script.DefaultRequestHeaders.Add(capability.Header, capability.Capability);

        // Both hops (the redirect and the page) carry the header.
        using (var page = await script.GetAsync(new Uri("/sim/wiki/random", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, new Uri("/sim/capabilities", UriKind.Relative));
        revoke.Headers.Add(capability.Header, capability.Capability);
        using (var deleted = await signedIn.SendAsync(revoke))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var after = await script.GetAsync(new Uri("/sim/wiki/random", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task OpenTargets_AnonymousCallersAreServed_TheKnobsStillNeedTheSignIn()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?> { ["Lab:OpenTargets"] = "true", ["Simulation:GenreLatencyMs"] = "0" });
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };

        using var genre = await anonymous.GetAsync(new Uri("/sim/genre", UriKind.Relative));
        using var knobs = await anonymous.GetAsync(new Uri("/sim/knobs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, genre.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, knobs.StatusCode);
    }
}
