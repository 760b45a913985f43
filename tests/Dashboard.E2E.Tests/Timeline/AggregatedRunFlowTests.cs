using System.Globalization;
using System.Net;
using System.Text.Json;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Timeline;

/// <summary>
/// A run past Runs:AggregateAbove watched live in Chromium: the page says it aggregates, its counts
/// add up to every task (0 lost), it finishes N/N, and a window of tasks drawn one by one from the
/// store, through the page and through the API.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AggregatedRunFlowTests(DashboardAppFixture app)
{
    private const int Tasks = 50_000;

    [Fact]
    public async Task LargeAsyncRun_AggregatesLive_CountsAddUp_AndAWindowShowsItsTasks()
    {
        var queue = app.Services.GetRequiredService<IRunQueue>();

        // A short run ahead keeps the large one queued until the page watches it, so its tallies reach the page live.
        var blocker = queue.Enqueue(new RunPlan(new HelloParameters(Tasks: 1, DelayMs: 2_000), [StrategyIds.Sequential]));
        var run = queue.Enqueue(new RunPlan(new HelloParameters(Tasks: Tasks, DelayMs: 200), [StrategyIds.Async]), "aggregated");
        var page = await app.NewPageAsync();
        await page.GotoAsync(LivePages.RunPath(run.Id));
        await page.Locator("[data-interactive=true][data-test=live-run]").WaitForAsync();

        var note = page.Locator("[data-test=aggregated-note]");
        await note.WaitForAsync();
        Assert.Contains("50,000 tasks: drawn as counts per 50 ms; pick a window to see tasks", await note.InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("[data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 180_000 });
        Assert.NotEqual(RunState.Queued, queue.Find(blocker.Id)!.State);

        // Finished N/N in the race, and the timeline's counts add up to every task: none lost on the way.
        var figures = page.Locator("[data-test=progress-async]");
        Assert.Equal(Tasks.ToString(CultureInfo.InvariantCulture), await figures.GetAttributeAsync("data-done"));
        Assert.Equal(Tasks.ToString(CultureInfo.InvariantCulture), await figures.GetAttributeAsync("data-total"));
        Assert.Contains("50,000/50,000", await figures.InnerTextAsync(), StringComparison.Ordinal);
        var canvas = page.Locator("[data-test=timeline-async]");
        await page.WaitForFunctionAsync(
            "() => document.querySelector('[data-test=timeline-async]')?.getAttribute('data-state') === 'done'",
            null, new() { Timeout = 60_000 });
        Assert.Equal("true", await canvas.GetAttributeAsync("data-aggregated"));
        Assert.Equal("50", await canvas.GetAttributeAsync("data-bucket-ms"));
        Assert.Equal(Tasks, await IntAttribute(canvas, "data-tally-started"));
        Assert.Equal(Tasks, await IntAttribute(canvas, "data-tally-ok") + await IntAttribute(canvas, "data-tally-failed"));
        Assert.Equal(0, await IntAttribute(canvas, "data-tally-cancelled"));
        Assert.Equal("0", await canvas.GetAttributeAsync("data-bars"));
        Assert.True(await IntAttribute(canvas, "data-buckets") >= 2, "200 ms waits end in other 50 ms buckets than they start");

        // The race drew in flight from the counts and crossed the finish line.
        var track = page.Locator("[data-test=race] canvas[data-race=async]");
        Assert.Equal("done", await track.GetAttributeAsync("data-state"));
        Assert.NotEqual("", await track.GetAttributeAsync("data-finish"));
        Assert.True(await IntAttribute(track, "data-peak") > 0);

        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "aggregated-run.png"), FullPage = true });

        // A window by task index: the detailed timeline draws exactly the window's tasks.
        await page.Locator("[data-test=window-by-task]").CheckAsync();
        await page.Locator("[data-test=window-first]").FillAsync("0");
        await page.Locator("[data-test=window-last]").FillAsync("999");
        await page.Locator("[data-test=window-show]").ClickAsync();
        var status = page.Locator("[data-test=window-status]");
        await status.WaitForAsync(new() { Timeout = 60_000 });
        var shown = await IntAttribute(status, "data-count");
        Assert.InRange(shown, 1, 1_000);
        await page.WaitForFunctionAsync(
            "n => { const c = document.querySelector('[data-test=timeline-async]'); return c.getAttribute('data-aggregated') === 'window' && c.getAttribute('data-bars') === String(n); }",
            shown, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "aggregated-window.png"), FullPage = true });

        // The API reads the same window, and refuses a window of more than 10,000 tasks with problem details.
        using var api = app.CreateApiClient();
        using (var response = await api.GetAsync($"/api/runs/{run.Id}/tasks?strategy=async&first=0&last=999"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(shown, body.RootElement.GetProperty("count").GetInt32());
            Assert.Equal(shown, body.RootElement.GetProperty("spans").GetArrayLength());
            Assert.All(body.RootElement.GetProperty("spans").EnumerateArray(), s => Assert.InRange(s.GetProperty("task").GetInt32(), 0, 999));
        }

        using (var response = await api.GetAsync($"/api/runs/{run.Id}/tasks?strategy=async&first=0&last=20000"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("10,000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Back to the counts.
        await page.Locator("[data-test=window-clear]").ClickAsync();
        await page.WaitForFunctionAsync(
            "() => document.querySelector('[data-test=timeline-async]').getAttribute('data-aggregated') === 'true'", null, new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }

    private static async Task<int> IntAttribute(ILocator locator, string name) =>
        int.Parse((await locator.GetAttributeAsync(name))!, CultureInfo.InvariantCulture);
}
