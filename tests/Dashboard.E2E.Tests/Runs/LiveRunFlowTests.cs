using System.Globalization;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Strategies;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Runs;

/// <summary>
/// The whole product in real Chromium: the Run page, a live run with its timelines, the results,
/// and cancelling. Screenshots (light and dark, mid-run and finished) go to
/// <see cref="DashboardAppFixture.ScreenshotDirectory"/> for a person to look at; they are never committed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveRunFlowTests(DashboardAppFixture app)
{
    private const int Tasks = 10;

    // Sum of every strategy's drawn bars, and the run's state, read in one go so both describe one moment.
    private const string TotalBarsScript = """
        () => [...document.querySelectorAll('canvas[data-test^="timeline-"]')]
                .reduce((n, c) => n + Number(c.getAttribute('data-bars') || 0), 0)
        """;

    private const string DarkBackground = "() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'";

    [Fact]
    public async Task RunButton_QuickHelloRun_TimelinesGrowWhileRunningThenResultsAppear()
    {
        var page = await app.NewPageAsync();
        await OpenRunPageAsync(page);

        // Quick, then slower waits so the run lasts long enough (10 x 400 ms sequentially) to be watched.
        await page.Locator("[data-test=workload-hello]").ClickAsync();
        await page.Locator("[data-test=workload-hello][data-selected=true]").WaitForAsync();
        await page.Locator("[data-test=preset-quick]").ClickAsync();
        await page.Locator("[data-test=preset-preview]").WaitForAsync();
        await page.Locator("[data-test=preset-apply]").ClickAsync();
        await SetNumberAsync(page, "field-tasks", Tasks);
        await SetNumberAsync(page, "field-delay", 400);
        await ClickRunAsync(page);
        await page.Locator("[data-interactive=true][data-test=live-run]").WaitForAsync();
        Assert.Contains("10 greetings, 400 ms wait", await page.Locator("[data-test=run-parameters]").InnerTextAsync(), StringComparison.Ordinal);

        // Two moments while the run is still going: the bars on the timelines grow between them.
        await page.WaitForFunctionAsync($"() => ({TotalBarsScript})() >= 1 && {StateIs("running")}");
        var first = await page.EvaluateAsync<int>(TotalBarsScript);
        await page.ScreenshotAsync(Shot("run-midway-light.png"));
        await page.WaitForFunctionAsync($"() => ({TotalBarsScript})() > {first} && {StateIs("running")}");
        var second = await page.EvaluateAsync<int>(TotalBarsScript);
        Assert.True(second > first, $"bars grew while running ({first} -> {second})");

        try
        {
            await page.WaitForFunctionAsync(StateIs("completed"), null, new() { Timeout = 240_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(Shot("failure-not-completed.png"));
            var state = await page.Locator("[data-test=live-run]").GetAttributeAsync("data-state");
            var progress = await page.Locator("[data-test=progress]").InnerTextAsync();
            throw new TimeoutException($"The run did not complete (state {state}). Progress: {progress}");
        }

        // Every strategy drew all its tasks, and its timeline stopped.
        foreach (var strategy in StrategyCatalog.DefaultIds)
        {
            var canvas = page.Locator($"[data-test=timeline-{strategy}]");
            await Expect(page, $"timeline-{strategy}", "data-bars", Tasks.ToString(CultureInfo.InvariantCulture));
            await Expect(page, $"timeline-{strategy}", "data-state", "done");
            Assert.True(int.Parse((await canvas.GetAttributeAsync("data-lanes"))!, CultureInfo.InvariantCulture) >= 1);
        }

        // Threads ran each task on its own thread; sequential on one.
        Assert.Equal("1", await page.Locator("[data-test=timeline-sequential]").GetAttributeAsync("data-lanes"));
        Assert.Equal(Tasks.ToString(CultureInfo.InvariantCulture), await page.Locator("[data-test=timeline-threads]").GetAttributeAsync("data-lanes"));

        await page.Locator("[data-test=charts]").WaitForAsync();
        Assert.Equal(StrategyCatalog.DefaultIds.Count, await page.Locator("[data-test=summary-table] [data-test^=summary-row-]").CountAsync());
        var explain = await page.Locator("[data-test=explain]").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(explain));

        // Same time scale, on by default: every timeline's x axis ends at the same second (the race's
        // too); switched off, each timeline has its own.
        const string Domains = "new Set([...document.querySelectorAll('canvas[data-test^=\"timeline-\"]')].map(c => c.getAttribute('data-domain')))";
        await page.WaitForFunctionAsync($"() => {Domains}.size === 1 && {Domains}.has(document.querySelector('[data-test=race]').getAttribute('data-domain'))");
        await page.Locator("[data-test=same-scale]").ClickAsync();
        await page.WaitForFunctionAsync($"() => {Domains}.size > 1");
        await page.Locator("[data-test=same-scale]").ClickAsync();
        await page.WaitForFunctionAsync($"() => {Domains}.size === 1");
        await page.ScreenshotAsync(Shot("run-finished-light.png"));

        await page.Locator("[data-test=dark-toggle]").ClickAsync();
        await page.WaitForFunctionAsync(DarkBackground);
        await page.ScreenshotAsync(Shot("run-finished-dark.png"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CancelButton_RunningRun_StateCancelledAndTimelinesStop()
    {
        var page = await app.NewPageAsync();
        await page.AddInitScriptAsync("localStorage.setItem('dashboard-dark', '1')");
        await OpenRunPageAsync(page);
        // The layout switches to dark after its first interactive render; let that re-render pass
        // before typing, so it cannot land between a keystroke and its change event.
        await page.WaitForFunctionAsync(DarkBackground);

        // 10 x 2 s sequentially: cancelled long before it could end.
        await page.Locator("[data-test=workload-hello]").ClickAsync();
        await page.Locator("[data-test=workload-hello][data-selected=true]").WaitForAsync();
        await page.Locator("[data-test=preset-quick]").ClickAsync();
        await page.Locator("[data-test=preset-preview]").WaitForAsync();
        await page.Locator("[data-test=preset-apply]").ClickAsync();
        await SetNumberAsync(page, "field-tasks", Tasks);
        await SetNumberAsync(page, "field-delay", 2_000);
        await ClickRunAsync(page);
        await page.Locator("[data-interactive=true][data-test=live-run]").WaitForAsync();
        Assert.Contains("10 greetings, 2,000 ms wait", await page.Locator("[data-test=run-parameters]").InnerTextAsync(), StringComparison.Ordinal);
        var sequential = page.Locator("[data-test=timeline-sequential]");
        await page.WaitForFunctionAsync(
            $"() => Number(document.querySelector('[data-test=timeline-sequential]')?.getAttribute('data-bars') || 0) >= 1 && {StateIs("running")}");
        await page.ScreenshotAsync(Shot("run-midway-dark.png"));

        await page.Locator("[data-test=cancel-button]").ClickAsync();
        await page.WaitForFunctionAsync(StateIs("cancelled"), null, new() { Timeout = 60_000 });

        await Expect(page, "timeline-sequential", "data-state", "done");
        var bars = int.Parse((await sequential.GetAttributeAsync("data-bars"))!, CultureInfo.InvariantCulture);
        Assert.InRange(bars, 1, Tasks - 1);
        // Strategies after the cancelled one never started.
        await Expect(page, "timeline-async", "data-state", "skipped");
        Assert.Equal("0", await page.Locator("[data-test=timeline-async]").GetAttributeAsync("data-bars"));
        await page.ScreenshotAsync(Shot("run-cancelled-dark.png"));
        await page.Context.CloseAsync();
    }

    private static async Task OpenRunPageAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    private static async Task SetNumberAsync(IPage page, string field, int value)
    {
        // MudNumericField puts the data-test attribute on its input or around it, depending on the version.
        var input = page.Locator($"input[data-test={field}], [data-test={field}] input").First;
        await input.FillAsync(value.ToString(CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
    }

    private static async Task ClickRunAsync(IPage page)
    {
        await page.Locator("[data-test=run-button]").ClickAsync();
        try
        {
            // Blazor routes inside the page (history.pushState); read the location itself rather than
            // wait for a navigation event.
            await page.WaitForFunctionAsync("() => /^\\/runs\\/\\d+$/.test(location.pathname)");
        }
        catch (TimeoutException)
        {
            // Say why the Run page stayed: its form errors or queue message are on screen.
            await page.ScreenshotAsync(Shot("failure-no-navigation.png"));
            var messages = await page.Locator("[data-test=form-errors], [data-test=queue-full]").AllInnerTextsAsync();
            throw new TimeoutException($"Run did not open the live page (still at {page.Url}). Messages: {string.Join(" | ", messages)}");
        }
    }

    private static string StateIs(string state) =>
        $"document.querySelector('[data-test=live-run]')?.getAttribute('data-state') === '{state}'";

    private static Task Expect(IPage page, string testId, string attribute, string value) =>
        page.WaitForFunctionAsync(
            "([selector, name, value]) => document.querySelector(selector)?.getAttribute(name) === value",
            new object[] { $"[data-test={testId}]", attribute, value });

    private static PageScreenshotOptions Shot(string name) => new()
    {
        Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, name),
        FullPage = true,
    };
}
