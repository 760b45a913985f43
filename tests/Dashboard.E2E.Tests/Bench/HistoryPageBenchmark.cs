using System.Diagnostics;
using System.Globalization;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.E2E.Tests.Bench;

/// <summary>
/// Whether the History page stays quick as runs pile up: the page over 1,000 stored runs, opened in Chromium. Prints the time from
/// navigation to the first page of rows on screen (the prerendered HTML) and to the page being
/// interactive (circuit up, rows rendered again). Goal &lt; 500 ms; figures only, never a failure.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class HistoryPageBenchmark(DashboardAppFixture app, ITestOutputHelper output)
{
    private const int Runs = 1_000;
    private const int Rounds = 7;

    [BenchFact]
    public async Task OpenHistory_ThousandStoredRuns_PrintsFirstRenderTime()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("dashboard-history-bench-").FullName;
        try
        {
            await using var factory = new DashboardAppFactory(dataDirectory);
            _ = factory.BaseAddress;
            var store = factory.Services.GetRequiredService<IRunStore>();
            await SeedAsync(store);

            var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = factory.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await DashboardAppFixture.SignInAsync(page, factory.Token);
            var painted = new List<double>();
            var interactive = new List<double>();
            for (var round = 0; round < Rounds + 1; round++)
            {
                await page.GotoAsync("about:blank");
                var watch = Stopwatch.StartNew();
                await page.GotoAsync("/history", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
                await page.Locator($"[data-test=history-row-{Runs}]").WaitForAsync();
                var firstRows = watch.Elapsed.TotalMilliseconds;
                await page.Locator("[data-interactive=true][data-test=history]").WaitForAsync();
                await page.Locator($"[data-interactive=true] [data-test=history-row-{Runs}]").WaitForAsync();
                var live = watch.Elapsed.TotalMilliseconds;
                Assert.Equal(25, await page.Locator("tr[data-run]").CountAsync());
                if (round > 0)
                {
                    // Round 0 pays for JIT and the first queries of the app.
                    painted.Add(firstRows);
                    interactive.Add(live);
                }
            }

            await context.CloseAsync();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"History over {Runs} stored runs, Chromium, median of {Rounds}: rows on screen {Median(painted):0} ms (min {painted.Min():0}, max {painted.Max():0}); interactive {Median(interactive):0} ms (min {interactive.Min():0}, max {interactive.Max():0})"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A handle still closing; the temp folder is cleaned by the OS.
            }
        }
    }

    private static async Task SeedAsync(IRunStore store)
    {
        var plan = new RunPlan(new HelloParameters(4, "Ada", 10), [StrategyIds.Sequential, StrategyIds.Async], Repeat: 2);
        var created = DateTimeOffset.UtcNow.AddDays(-1);
        for (var id = 1; id <= Runs; id++)
        {
            var results = plan.Strategies.SelectMany((s, i) => Enumerable.Range(0, plan.Repeat).Select(rep =>
                new StrategyResult(s, rep, 0.04 * (i + 1) + rep * 0.001, 0.01, 1, 4, 0, "ok", 1_000,
                    Enumerable.Range(0, 4).Select(t => new TaskSpan(t, new Lane(100, 1), t * 0.01, t * 0.01 + 0.01, Engine.Running.TaskStatus.Ok)).ToArray()))).ToArray();
            var at = created.AddSeconds(id);
            await store.SaveAsync(new RunSummary(id, id % 3 == 0 ? $"label {id}" : null, plan, RunState.Completed, null, at, at, at.AddSeconds(1), null, results),
                null, imported: false, CancellationToken.None);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
