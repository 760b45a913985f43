using System.Globalization;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Compare;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.History;

/// <summary>
/// History and Compare in real Chromium over the real app and its SQLite store: two finished runs
/// side by side, and a run that survives an app restart. Screenshots of both pages (light and
/// dark) go to <see cref="DashboardAppFixture.ScreenshotDirectory"/>; they are never committed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HistoryCompareFlowTests(DashboardAppFixture app)
{
    private const int Tasks = 4;
    private static readonly string[] Strategies = [StrategyIds.Sequential, StrategyIds.Threads, StrategyIds.Async];

    [Fact]
    public async Task Compare_TwoFinishedHelloRuns_ShowsBothRunsOnTheChartsAndTheRatioTable()
    {
        // Same work, thirty times longer waits in the second run.
        var queue = app.Services.GetRequiredService<IRunQueue>();
        var a = queue.Enqueue(HelloPlan(delayMs: 20), "short waits");
        var b = queue.Enqueue(HelloPlan(delayMs: 600), "long waits");
        await WaitUntilFinishedAsync(app.Services, a.Id);
        await WaitUntilFinishedAsync(app.Services, b.Id);

        var page = await app.NewPageAsync();
        await page.GotoAsync("/history");
        await page.Locator("[data-interactive=true][data-test=history]").WaitForAsync();
        await page.Locator($"[data-test=history-row-{a.Id}][data-state=completed]").WaitForAsync();
        await page.Locator($"[data-test=history-row-{b.Id}][data-state=completed]").WaitForAsync();
        Assert.Equal("long waits", await page.Locator($"[data-test=label-{b.Id}]").InnerTextAsync());

        await page.Locator($"[data-test=select-{a.Id}] input").CheckAsync();
        await page.Locator($"[data-test=select-{b.Id}] input").CheckAsync();
        await page.Locator("[data-test=compare-selected][href]").WaitForAsync();
        await page.ScreenshotAsync(Shot("history-light.png"));
        await page.Locator("[data-test=compare-selected]").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains($"/compare?ids={a.Id},{b.Id}", StringComparison.Ordinal));
        await page.Locator("[data-interactive=true][data-test=compare][data-runs='2']").WaitForAsync();
        await AssertComparisonAsync(page, a.Id, b.Id);
        await page.ScreenshotAsync(Shot("compare-light.png", fullPage: true));
        await page.Context.CloseAsync();

        var dark = await app.NewPageAsync(ColorScheme.Dark);
        await dark.GotoAsync($"/compare?ids={a.Id},{b.Id}");
        await dark.Locator("[data-interactive=true][data-test=compare][data-runs='2']").WaitForAsync();
        await AssertComparisonAsync(dark, a.Id, b.Id);
        await dark.ScreenshotAsync(Shot("compare-dark.png", fullPage: true));
        await dark.GotoAsync("/history");
        await dark.Locator("[data-interactive=true][data-test=history]").WaitForAsync();
        await dark.Locator($"[data-test=history-row-{b.Id}]").WaitForAsync();
        await dark.ScreenshotAsync(Shot("history-dark.png"));

        // The inline editors, as a person sees them: a label being edited, a delete asking first.
        await dark.Locator($"[data-test=label-edit-{a.Id}]").ClickAsync();
        await dark.Locator($"[data-test=label-input-{a.Id}] input").FillAsync("renamed in the browser");
        await dark.Locator($"[data-test=delete-{b.Id}]").ClickAsync();
        await dark.Locator($"[data-test=delete-confirm-{b.Id}]").WaitForAsync();
        await dark.ScreenshotAsync(Shot("history-editing-dark.png"));
        await dark.Locator($"[data-test=delete-no-{b.Id}]").ClickAsync();
        await dark.Locator($"[data-test=label-input-{a.Id}] input").PressAsync("Enter");
        await dark.Locator($"[data-test=label-{a.Id}]").Filter(new() { HasText = "renamed in the browser" }).WaitForAsync();

        await dark.GotoAsync("/compare?ids=999998,999999");
        await dark.Locator("[data-interactive=true][data-test=compare]").WaitForAsync();
        Assert.Contains("There are no runs 999998, 999999", await dark.Locator("[data-test=compare-error]").InnerTextAsync(), StringComparison.Ordinal);
        await dark.ScreenshotAsync(Shot("compare-unknown-dark.png"));
        await dark.Context.CloseAsync();
    }

    [Fact]
    public async Task Restart_FinishedRun_IsOnHistoryAndItsPageShowsTheSummaryAndReplaysTheTimeline()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("dashboard-restart-").FullName;
        try
        {
            long id;
            await using (var first = new DashboardAppFactory(dataDirectory))
            {
                _ = first.BaseAddress;
                id = first.Services.GetRequiredService<IRunQueue>().Enqueue(HelloPlan(delayMs: 20), "before the restart").Id;
                await WaitUntilFinishedAsync(first.Services, id);
            }

            await using var second = new DashboardAppFactory(dataDirectory);
            var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = second.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            });
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();
            await DashboardAppFixture.SignInAsync(page, second.Token);

            await page.GotoAsync("/history");
            await page.Locator("[data-interactive=true][data-test=history]").WaitForAsync();
            var row = page.Locator($"[data-test=history-row-{id}]");
            await row.WaitForAsync();
            Assert.Equal("completed", await row.GetAttributeAsync("data-state"));
            Assert.Equal("before the restart", await page.Locator($"[data-test=label-{id}]").InnerTextAsync());

            await page.Locator($"[data-test=open-{id}]").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith(LivePages.RunPath(id), StringComparison.Ordinal));
            await page.Locator("[data-interactive=true][data-test=live-run][data-state=completed]").WaitForAsync();
            await page.Locator("[data-test=summary-table]").WaitForAsync();
            Assert.Equal(Strategies.Length, await page.Locator("[data-test=summary-table] [data-test^=summary-row-]").CountAsync());
            Assert.Equal(1, await page.Locator("[data-test=export-json]").CountAsync());

            // The timelines are replayed from the stored spans: every task has its bar again.
            foreach (var strategy in Strategies)
            {
                await page.Locator($"[data-test=timeline-{strategy}][data-bars='{Tasks.ToString(CultureInfo.InvariantCulture)}'][data-state=done]").WaitForAsync();
            }

            await page.ScreenshotAsync(Shot("run-after-restart-light.png", fullPage: true));
            await context.CloseAsync();
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

    [Fact]
    public async Task Import_ExportedRunJson_ShowsTheRunInHistoryAndOnItsPageLikeALocalRun()
    {
        var queue = app.Services.GetRequiredService<IRunQueue>();
        var original = queue.Enqueue(HelloPlan(delayMs: 10), "to be shared");
        await WaitUntilFinishedAsync(app.Services, original.Id);
        using var http = app.CreateApiClient();
        var file = Path.Combine(Path.GetTempPath(), $"dashboard-export-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(file, await http.GetByteArrayAsync($"api/runs/{original.Id}/export/json"));
        try
        {
            var page = await app.NewPageAsync();
            await page.GotoAsync("/history");
            await page.Locator("[data-interactive=true][data-test=history]").WaitForAsync();
            await page.Locator("[data-test=import-upload] input[type=file]").SetInputFilesAsync(file);

            // The upload crosses the circuit and the import writes to the store: generous under load, and a
            // refusal fails with its own words.
            var message = page.Locator("[data-test=history-message]");
            try
            {
                await message.Filter(new() { HasText = "as run" }).WaitForAsync(new() { Timeout = 90_000 });
            }
            catch (TimeoutException)
            {
                await page.ScreenshotAsync(Shot("failure-import.png", fullPage: true));
                var shown = await message.CountAsync() > 0 ? await message.First.InnerTextAsync() : "(no message)";
                throw new TimeoutException($"The import did not finish: {shown}");
            }

            var link = await page.Locator("[data-test=history-message-link]").GetAttributeAsync("href");
            var importedId = long.Parse(link!.Split('/')[^1], CultureInfo.InvariantCulture);
            Assert.NotEqual(original.Id, importedId);
            var row = page.Locator($"[data-test=history-row-{importedId}]");
            Assert.Equal("completed", await row.GetAttributeAsync("data-state"));
            Assert.Equal(1, await row.Locator("[data-test=imported-chip]").CountAsync());
            Assert.Equal("to be shared", await page.Locator($"[data-test=label-{importedId}]").InnerTextAsync());

            await page.Locator("[data-test=history-message-link]").ClickAsync();
            await page.Locator("[data-interactive=true][data-test=live-run][data-state=completed]").WaitForAsync();
            await page.Locator("[data-test=run-imported]").WaitForAsync();
            Assert.Equal(Strategies.Length, await page.Locator("[data-test=summary-table] [data-test^=summary-row-]").CountAsync());
            await page.Locator($"[data-test=timeline-sequential][data-bars='{Tasks.ToString(CultureInfo.InvariantCulture)}']").WaitForAsync();
            await page.Context.CloseAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task AssertComparisonAsync(IPage page, long a, long b)
    {
        foreach (var chart in new[] { "compare-chart-wall", "compare-chart-speedup" })
        {
            // The charts size themselves to their box (a round trip to the browser) before drawing
            // their legends: wait until both runs' names are visible. A text filter is not enough:
            // it reads textContent, which the chart's hidden data table fills before the legend is
            // drawn (a loaded CI read the visible text in between and missed run a).
            var card = page.Locator($"[data-test={chart}]");
            await Assertions.Expect(card).ToContainTextAsync($"run {a}", new() { UseInnerText = true, Timeout = 30_000 });
            await Assertions.Expect(card).ToContainTextAsync($"run {b}", new() { UseInnerText = true, Timeout = 30_000 });
            var text = await card.InnerTextAsync();
            Assert.Contains($"run {a}", text, StringComparison.Ordinal);
            Assert.Contains($"run {b}", text, StringComparison.Ordinal);
            Assert.Equal(1, await page.Locator($"[data-test={chart}] svg").CountAsync());
        }

        Assert.Equal(1, await page.Locator($"[data-test=compare-run-{a}]").CountAsync());
        Assert.Equal(1, await page.Locator($"[data-test=compare-run-{b}]").CountAsync());
        Assert.Contains(".NET", await page.Locator($"[data-test=compare-env-{b}]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(Strategies.Length, await page.Locator("[data-test=compare-table] tbody tr").CountAsync());
        // The ratio shown is the stored medians' (b over a). Which run was faster is the machine's
        // business (under load 100 run a's threads once took longer than run b's: ratio 0.55), so
        // only run b's floor is checked: at least one 600 ms wait, four one after another for sequential.
        foreach (var strategy in Strategies)
        {
            var ratio = double.Parse((await page.Locator($"[data-test=ratio-{strategy}-{b}]").GetAttributeAsync("data-ratio"))!, CultureInfo.InvariantCulture);
            var (medianA, medianB) = (await MedianAsync(a, strategy), await MedianAsync(b, strategy));
            Assert.Equal(Math.Round(medianB / medianA, 4), ratio, 4);
            Assert.True(medianB >= (strategy == StrategyIds.Sequential ? Tasks : 1) * 0.6, $"{strategy}: median of run {b} {medianB} s");
            var verdict = await page.Locator($"[data-test=significance-{strategy}-{b}]").GetAttributeAsync("data-verdict");
            Assert.Contains(verdict, new[] { RunComparisonTable.Significant, RunComparisonTable.NotSignificant });
        }
    }

    private async Task<double> MedianAsync(long runId, string strategy)
    {
        var stored = await app.Services.GetRequiredService<IRunStore>().GetAsync(runId, CancellationToken.None);
        var walls = stored!.Run.Results.Where(r => r.Strategy == strategy && !r.IsWarmup).Select(r => r.WallSeconds).Order().ToArray();
        Assert.Equal(3, walls.Length);
        return walls[1];
    }

    /// <summary>Three strategies, 3 repetitions each so Welch's test applies.</summary>
    private static RunPlan HelloPlan(int delayMs) =>
        new(new HelloParameters(Tasks, "Ada", delayMs), Strategies, Repeat: 3, Warmup: 0);

    /// <summary>
    /// The feed ends when the run has ended; its completion write to the store follows a moment
    /// later, and the store is where History, Compare and the API read a finished run.
    /// </summary>
    private static async Task WaitUntilFinishedAsync(IServiceProvider services, long runId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await foreach (var _ in services.GetRequiredService<IRunFeed>().WatchAsync(runId, timeout.Token))
        {
        }

        Assert.Equal(RunState.Completed, services.GetRequiredService<IRunQueue>().Find(runId)!.State);
        var store = services.GetRequiredService<IRunStore>();
        while ((await store.GetAsync(runId, timeout.Token))?.Run.State != RunState.Completed)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private static PageScreenshotOptions Shot(string name, bool fullPage = false) =>
        new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, name), FullPage = fullPage };
}

