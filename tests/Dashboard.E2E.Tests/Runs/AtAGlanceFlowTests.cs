using System.Globalization;
using Dashboard.E2E.Tests.Accessibility;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Runs;

/// <summary>
/// The journey at a glance in real Chromium: a finished run always draws from its stored spans, the
/// live page's first screen at 1440x900 holds the state, the plan and the race of the strategies,
/// the phone puts the race first, the Run button is on screen, and unknown addresses get a way back.
/// Screenshots of each go to <see cref="DashboardAppFixture.ScreenshotDirectory"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AtAGlanceFlowTests(DashboardAppFixture app)
{
    private const string DarkBackground = "() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'";

    [Fact]
    public async Task SixFinishedRuns_OpenTheFirst_EveryPageShowsAllItsStoredTasks()
    {
        // The queue keeps the events of its newest two finished runs only: the first four of these
        // six come back from the store, and must read N/N with their spans drawn, never 0/N.
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await FinishedAsync(new RunPlan(new HelloParameters(5, "Ada", 10), [StrategyIds.Sequential, StrategyIds.Threads]), $"six {i + 1}"));
        }

        var page = await app.NewPageAsync();
        foreach (var id in ids)
        {
            await A11yRuns.OpenAsync(page, LivePages.RunPath(id), dark: false);
            foreach (var strategy in new[] { StrategyIds.Sequential, StrategyIds.Threads })
            {
                var progress = page.Locator($"[data-test=progress-{strategy}]");
                Assert.Equal("5", await progress.GetAttributeAsync("data-done"));
                Assert.Equal("5", await progress.GetAttributeAsync("data-total"));
                Assert.Contains("5/5", await progress.InnerTextAsync(), StringComparison.Ordinal);
                await WaitForAttributeAsync(page, $"[data-test=timeline-{strategy}]", "data-bars", "5");
                await WaitForAttributeAsync(page, $"[data-test=timeline-{strategy}]", "data-state", "done");
                await WaitForAttributeAsync(page, $"canvas[data-race={strategy}]", "data-state", "done");
            }

            await page.Locator("[data-test=charts] svg").First.WaitForAsync();
            Assert.Equal(2, await page.Locator("[data-test=summary-table] [data-test^=summary-row-]").CountAsync());
            if (id == ids[0])
            {
                await page.ScreenshotAsync(Shot("glance-oldest-of-six.png", fullPage: true));
            }
        }

        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LivePage_1440x900_StatePlanAndRaceAboveTheFold_RaceFiguresMatchTheSummary(bool dark)
    {
        var queue = app.Services.GetRequiredService<IRunQueue>();
        var run = queue.Enqueue(new RunPlan(new HelloParameters(8, "Ada", 300), StrategyCatalog.DefaultIds.ToList()), $"at a glance {(dark ? "dark" : "light")}");
        var page = await app.NewPageAsync(dark ? ColorScheme.Dark : ColorScheme.Light);
        await page.SetViewportSizeAsync(1440, 900);
        await A11yRuns.OpenAsync(page, LivePages.RunPath(run.Id), dark);

        // While it runs: a strategy's row is drawn live.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-test=race] canvas[data-state=running]') !== null",
            null, new() { Timeout = 120_000 });
        foreach (var selector in new[] { "[data-test=run-title]", "[data-test=state-chip]", "[data-test=run-parameters]", "[data-test=race]" })
        {
            var box = await page.Locator(selector).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y + box.Height <= 900, $"{selector} ends at {box.Y + box.Height} px, below the fold");
        }

        Assert.Equal(StrategyCatalog.DefaultIds.Count, await page.Locator("[data-test=race] canvas[data-race]").CountAsync());
        await page.ScreenshotAsync(Shot($"glance-live-1440-running-{(dark ? "dark" : "light")}.png"));
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(300); // the module redraws on the resize
        await page.ScreenshotAsync(Shot($"glance-live-390-running-{(dark ? "dark" : "light")}.png"));
        await page.SetViewportSizeAsync(1440, 900);

        await page.Locator("[data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 240_000 });
        await page.Locator("[data-test=summary-table]").WaitForAsync();
        foreach (var strategy in StrategyCatalog.DefaultIds)
        {
            await WaitForAttributeAsync(page, $"canvas[data-race={strategy}]", "data-state", "done");
            var finish = double.Parse((await page.Locator($"canvas[data-race={strategy}]").GetAttributeAsync("data-finish"))!, CultureInfo.InvariantCulture);
            Assert.True(finish > 0, $"{strategy}: a finish line");

            // One repetition: the race's time is the summary's median, in the same words.
            var raceTime = (await page.Locator($"[data-test=race-time-{strategy}]").InnerTextAsync()).Trim();
            var median = (await page.Locator($"[data-test=summary-row-{strategy}] [data-col=median]").InnerTextAsync()).Trim();
            Assert.Equal(median, raceTime);
        }

        // Sequential's speedup reads 1 (the chart's data table and the summary).
        Assert.Equal("1.0x", (await page.Locator("[data-test=summary-row-sequential] [data-col=speedup]").InnerTextAsync()).Trim());
        Assert.Contains("Trace for Perfetto", await page.Locator("[data-test=exports]").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ui.perfetto.dev", await page.Locator("[data-test=export-trace]").GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.Contains("ui.perfetto.dev", await page.Locator("[data-test=export-trace-note]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(Shot($"glance-live-1440-finished-{(dark ? "dark" : "light")}.png"));
        await page.ScreenshotAsync(Shot($"glance-live-1440-finished-{(dark ? "dark" : "light")}-full.png", fullPage: true));

        // A phone: the race comes first, as wide as the screen, and nothing sticks out.
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(300); // the module redraws on the resize
        var race = await page.Locator("[data-test=race]").BoundingBoxAsync();
        var timelines = await page.Locator("[data-test=timeline-slot]").BoundingBoxAsync();
        Assert.NotNull(race);
        Assert.NotNull(timelines);
        Assert.True(race.Y + race.Height <= timelines.Y, "the race comes before the timelines");
        Assert.True(race.X >= 0 && race.X + race.Width <= 390, $"the race fits the width ({race.X} + {race.Width})");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide at {widths[1]}");

        // No strategy's name breaks inside a word ("process es"): each word of each name lies on one line.
        var broken = await page.EvaluateAsync<string[]>(BrokenWords, "[data-test=race] .race-name");
        Assert.Empty(broken);
        await page.ScreenshotAsync(Shot($"glance-live-390-finished-{(dark ? "dark" : "light")}.png"));
        await page.ScreenshotAsync(Shot($"glance-live-390-finished-{(dark ? "dark" : "light")}-full.png", fullPage: true));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunPage_1440x900_RunButtonOnScreenWithoutScrolling(bool dark)
    {
        var page = await app.NewPageAsync(dark ? ColorScheme.Dark : ColorScheme.Light);
        await page.SetViewportSizeAsync(1440, 900);
        await A11yRuns.OpenAsync(page, "/", dark);

        var box = await page.Locator("[data-test=run-button]").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y >= 0 && box.Y + box.Height <= 900, $"the Run button is at {box.Y} px to {box.Y + box.Height} px");
        Assert.True(await page.Locator("[data-test=run-button]").IsEnabledAsync());
        await page.ScreenshotAsync(Shot($"glance-run-1440-{(dark ? "dark" : "light")}.png"));
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(Shot($"glance-run-390-{(dark ? "dark" : "light")}.png"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/nope", "not-found-page", "Page not found")]
    [InlineData("/runs/abc", "run-not-found", "Run abc was not found")]
    [InlineData("/runs/99999", "run-not-found", "Run 99999 was not found")]
    public async Task UnknownAddressOrRun_FriendlyNotFoundWithAWayBack(string path, string testId, string heading)
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        var panel = page.Locator($"[data-test={testId}]");
        await panel.WaitForAsync();
        Assert.Contains(heading, await panel.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("[data-interactive=true]").First.WaitForAsync();
        await page.ScreenshotAsync(Shot($"glance-404-{testId}-{path.Split('/').Last()}.png"));

        await page.Locator("[data-test=not-found-home]").ClickAsync();
        await page.WaitForFunctionAsync("() => location.pathname === '/'");
        await page.Locator("[data-test=run-button]").WaitForAsync();
        await page.Context.CloseAsync();
    }

    private async Task<long> FinishedAsync(RunPlan plan, string label)
    {
        var services = app.Services;
        var run = services.GetRequiredService<IRunQueue>().Enqueue(plan, label);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await foreach (var _ in services.GetRequiredService<IRunFeed>().WatchAsync(run.Id, timeout.Token))
        {
        }

        return run.Id;
    }

    /// <summary>The words of the elements matching a selector that the layout split over two lines.</summary>
    private const string BrokenWords = """
        selector => {
            const broken = [];
            for (const element of document.querySelectorAll(selector)) {
                const text = element.firstChild;
                if (!text || text.nodeType !== Node.TEXT_NODE) continue;
                for (const match of text.data.matchAll(/\S+/g)) {
                    const range = document.createRange();
                    range.setStart(text, match.index);
                    range.setEnd(text, match.index + match[0].length);
                    if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) broken.push(match[0]);
                }
            }
            return broken;
        }
        """;

    private static Task WaitForAttributeAsync(IPage page, string selector, string name, string value) =>
        page.WaitForFunctionAsync(
            "([selector, name, value]) => document.querySelector(selector)?.getAttribute(name) === value",
            new object[] { selector, name, value });

    private static PageScreenshotOptions Shot(string name, bool fullPage = false) => new()
    {
        Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, name),
        FullPage = fullPage,
    };
}
