using System.Net;
using Dashboard.Web.Api;
using Dashboard.Web.Explain;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Api;
using Dashboard.Web.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Explain;

/// <summary>
/// The run caches (<see cref="RunAnalysisCache"/>, <see cref="RunDetailsCache"/>) on the real app and
/// store: a save of another run keeps a finished run's analysis and details (no second computation);
/// the run's own save, its delete and retention pruning it drop them. Shared by the SQLite and the
/// PostgreSQL test.
/// </summary>
internal static class RunCacheInvalidation
{
    public static async Task CheckAsync(IDictionary<string, string?> storage)
    {
        var settings = new Dictionary<string, string?>(storage) { ["Storage:MaxRuns"] = "3" };
        await using var factory = new DashboardFactory(settings);
        using var client = ApiClient.Create(factory);
        var store = factory.Services.GetRequiredService<IRunStore>();
        var analyses = factory.Services.GetRequiredService<RunAnalysisCache>();
        var details = factory.Services.GetRequiredService<RunDetailsCache>();
        var plan = TestRuns.HelloPlan(tasks: 50, repeat: 2, "sequential", "async");
        await store.SaveAsync(TestRuns.Finished(1, plan), null, false, TestContext.Timeout);
        await GetAsync(client, 1);
        var afterFirst = analyses.Computations;
        Assert.Contains(1L, analyses.RunIds());
        Assert.Contains(1L, details.RunIds());

        // Someone else's run is saved: run 1's analysis and details stay, and reading it computes nothing.
        await store.SaveAsync(TestRuns.Finished(2, plan), null, false, TestContext.Timeout);
        Assert.Contains(1L, analyses.RunIds());
        Assert.Contains(1L, details.RunIds());
        await GetAsync(client, 1);
        Assert.Equal(afterFirst, analyses.Computations);

        // Run 2's own save drops its entries and no other run's.
        await GetAsync(client, 2);
        await store.SaveAsync(TestRuns.Finished(2, plan, label: "again"), null, false, TestContext.Timeout);
        Assert.DoesNotContain(2L, analyses.RunIds());
        Assert.DoesNotContain(2L, details.RunIds());
        Assert.Contains(1L, details.RunIds());

        // Deleted: gone.
        await GetAsync(client, 2);
        Assert.Contains(2L, details.RunIds());
        using (var deleted = await client.DeleteAsync(new Uri(RunsApi.RunPath(2), UriKind.Relative), TestContext.Timeout))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.DoesNotContain(2L, analyses.RunIds());
        Assert.DoesNotContain(2L, details.RunIds());

        // Runs 1, 3, 4 fill Storage:MaxRuns; run 5 pushes run 1 out, and retention names it.
        await store.SaveAsync(TestRuns.Finished(3, plan), null, false, TestContext.Timeout);
        await store.SaveAsync(TestRuns.Finished(4, plan), null, false, TestContext.Timeout);
        await GetAsync(client, 3);
        Assert.Contains(1L, analyses.RunIds());
        await store.SaveAsync(TestRuns.Finished(5, plan), null, false, TestContext.Timeout);
        Assert.Null(await store.GetAsync(1, TestContext.Timeout));
        Assert.DoesNotContain(1L, analyses.RunIds());
        Assert.DoesNotContain(1L, details.RunIds());
        Assert.Contains(3L, analyses.RunIds());
        Assert.Contains(3L, details.RunIds());
    }

    private static async Task GetAsync(HttpClient client, long id)
    {
        using var response = await client.GetAsync(new Uri(RunsApi.RunPath(id), UriKind.Relative), TestContext.Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
