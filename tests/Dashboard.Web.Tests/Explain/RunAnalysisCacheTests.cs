using System.Net;
using System.Text.Json;
using Dashboard.Web.Api;
using Dashboard.Web.Explain;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Api;
using Dashboard.Web.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Explain;

/// <summary>A finished run's figures, limits, findings and explanation are computed once and shared by its pages and the API.</summary>
public sealed class RunAnalysisCacheTests
{
    [Fact]
    public async Task Get_ManyConcurrentReadersOfOneRun_ComputedOnceAndSameAsDirect()
    {
        var cache = new RunAnalysisCache();
        var run = TestRuns.Finished(7, TestRuns.HelloPlan(tasks: 40, repeat: 3, "sequential", "async"));

        var analyses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => cache.Get(run.Id, run.Plan, null, run.Results))));

        Assert.Equal(1, cache.Computations);
        Assert.All(analyses, a => Assert.Same(analyses[0], a));
        var direct = RunAnalysis.Of(run.Plan, null, run.Results);
        Assert.Equal(direct.Figures, analyses[0].Figures, FiguresComparer.Instance);
        Assert.Equal(direct.Findings.Select(f => f.Id), analyses[0].Findings.Select(f => f.Id));
        Assert.Equal(direct.Explanation.Select(e => e.Text), analyses[0].Explanation.Select(e => e.Text));
    }

    [Fact]
    public void Get_MoreResultsOrAnotherRun_ComputedAgainAndBounded()
    {
        var cache = new RunAnalysisCache();
        var run = TestRuns.Finished(8, TestRuns.HelloPlan(tasks: 4, repeat: 2, "sequential", "async"));

        cache.Get(run.Id, run.Plan, null, run.Results.Take(1).ToList());
        cache.Get(run.Id, run.Plan, null, run.Results);
        cache.Get(run.Id, run.Plan, null, run.Results);
        Assert.Equal(2, cache.Computations);

        for (var id = 100; id < 100 + RunAnalysisCache.Capacity + 5; id++)
        {
            cache.Get(id, run.Plan, null, run.Results);
        }

        Assert.Equal(RunAnalysisCache.Capacity, cache.Count);
        cache.Invalidate(100 + RunAnalysisCache.Capacity + 4);
        Assert.Equal(RunAnalysisCache.Capacity - 1, cache.Count);
    }

    [Fact]
    public async Task Invalidate_WhileTheAnalysisIsComputed_KeepsItForLaterReaders_DropsItOnceDone()
    {
        // The run's end is saved while its analysis runs: a page hearing the end after the save
        // must get the same analysis, not start a second one.
        var cache = new RunAnalysisCache();
        var run = TestRuns.Finished(9, TestRuns.HelloPlan(tasks: 5_000, repeat: 2, "sequential", "threads", "async"));

        var first = cache.GetAsync(run.Id, run.Plan, null, run.Results);
        Assert.False(first.IsCompleted);
        cache.Invalidate(run.Id);
        var second = cache.GetAsync(run.Id, run.Plan, null, run.Results);

        Assert.Same(await first, await second);
        Assert.Equal(1, cache.Computations);
        cache.Invalidate(run.Id);
        Assert.DoesNotContain(cache.RunIds(), id => id == run.Id);
    }

    [Fact]
    public async Task PagesAndApi_TenReadersOfAFinishedRun_NoMoreComputationsThanOneReaderAndDeleteDrops()
    {
        await using var factory = new DashboardFactory();
        using var client = ApiClient.Create(factory);
        var cache = factory.Services.GetRequiredService<RunAnalysisCache>();
        var store = factory.Services.GetRequiredService<IRunStore>();
        await store.SaveAsync(TestRuns.Finished(3_001, TestRuns.HelloPlan(tasks: 50, repeat: 2, "sequential", "threads", "async")), null, false, TestContext.Timeout);

        var firstPage = await GetTextAsync(client, "/runs/3001");
        var firstApi = await GetTextAsync(client, RunsApi.RunPath(3_001));
        var afterOne = cache.Computations;
        Assert.InRange(afterOne, 1, 3);

        for (var i = 0; i < 9; i++)
        {
            Assert.Contains("data-test=\"summary-table\"", await GetTextAsync(client, "/runs/3001"), StringComparison.Ordinal);
        }

        Assert.Equal(afterOne, cache.Computations);
        Assert.Contains("data-test=\"summary-table\"", firstPage, StringComparison.Ordinal);
        using var details = JsonDocument.Parse(firstApi);
        Assert.Equal(3, details.RootElement.GetProperty("statistics").GetArrayLength());

        using var deleted = await client.DeleteAsync(new Uri(RunsApi.RunPath(3_001), UriKind.Relative), TestContext.Timeout);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(cache.RunIds(), id => id == 3_001);
    }

    private static async Task<string> GetTextAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Timeout);
    }

    private sealed class FiguresComparer : IEqualityComparer<StrategyFigures>
    {
        public static readonly FiguresComparer Instance = new();

        public bool Equals(StrategyFigures? x, StrategyFigures? y) =>
            x is not null && y is not null && x.Strategy == y.Strategy && x.MedianWallSeconds.Equals(y.MedianWallSeconds)
            && x.Speedup.Equals(y.Speedup) && Nullable.Equals(x.TaskDurationMValue, y.TaskDurationMValue);

        public int GetHashCode(StrategyFigures obj) => obj.Strategy.GetHashCode(StringComparison.Ordinal);
    }
}
