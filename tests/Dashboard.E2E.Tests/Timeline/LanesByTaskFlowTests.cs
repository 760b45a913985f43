using System.Globalization;
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
/// The live page in real Chromium: one feed subscription per open page, lanes by task on an async
/// run (its tasks resume on other threads), and the counter strips on the timelines' time axis.
/// Screenshots of both lane modes, light and dark, and of the aligned strip.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LanesByTaskFlowTests(DashboardAppFixture app)
{
    private const int Tasks = 40;
    private const string DarkBackground = "() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'";

    [Fact]
    public async Task LivePage_AsyncRun_OneSubscriptionLanesByTaskAndAlignedStrips()
    {
        var queue = app.Services.GetRequiredService<RunQueue>();
        // A short run ahead keeps the measured one queued while the page opens and subscribes.
        var blocker = queue.Enqueue(new RunPlan(new HelloParameters(Tasks: 1, DelayMs: 8_000), [StrategyIds.Sequential]));
        var run = queue.Enqueue(new RunPlan(new HelloParameters(Tasks, "Ada", 300), [StrategyIds.Threads, StrategyIds.Async]), "lanes by task");

        var page = await app.NewPageAsync();
        await page.GotoAsync(LivePages.RunPath(run.Id));
        await page.Locator("[data-interactive=true][data-test=live-run]").WaitForAsync();
        await page.Locator("[data-test=timeline-async]").WaitForAsync();

        // One page, one watcher on the run's feed: the timelines and the strips share the page's.
        // (Read while the run still waits behind the blocker, so the page is surely still watching.)
        var live = queue.Get(run.Id)!;
        Assert.Equal(1, live.WatcherCount);
        Assert.Equal(RunState.Queued, live.Summary.State);
        Assert.NotEqual(RunState.Queued, queue.Get(blocker.Id)!.Summary.State);

        await page.Locator("[data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 240_000 });
        var canvas = page.Locator("[data-test=timeline-async]");
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-test=timeline-async]').getAttribute('data-bars') === '{Tasks}'");
        Assert.Equal("thread", await canvas.GetAttributeAsync("data-lane-mode"));
        await page.Locator("[data-test=timeline-slot]").ScreenshotAsync(Shot("lanes-by-thread-light.png"));

        // The switch is a button: reached and pressed with the keyboard.
        var toggle = page.Locator("[data-test=timeline-lanes-async]");
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-test=timeline-async]').getAttribute('data-lane-mode') === 'task'");
        Assert.Equal("true", await toggle.GetAttributeAsync("aria-pressed"));
        Assert.Equal("thread", await page.Locator("[data-test=timeline-threads]").GetAttributeAsync("data-lane-mode"));

        // A row per task; the async tasks that resumed on another thread after their await are marked.
        Assert.Equal(Tasks.ToString(CultureInfo.InvariantCulture), await canvas.GetAttributeAsync("data-rows"));
        var hopped = int.Parse((await canvas.GetAttributeAsync("data-hopped"))!, CultureInfo.InvariantCulture);
        Assert.True(hopped >= 1, $"async tasks that changed thread: {hopped} of {Tasks}");
        Assert.Contains("resumed on another thread", await canvas.GetAttributeAsync("aria-label"), StringComparison.Ordinal);

        // The span table names the threads of each task, in order.
        await page.Locator("[data-test=timeline-table-toggle]").ClickAsync();
        var rows = page.Locator("[data-test=timeline-table-async] tbody tr[data-task]");
        await rows.First.WaitForAsync();
        Assert.Equal("Threads", await page.Locator("[data-test=timeline-table-async] thead th").Nth(2).TextContentAsync());
        var cells = await rows.Locator("td:nth-child(3)").AllTextContentsAsync();
        Assert.NotEmpty(cells);
        Assert.All(cells, c => Assert.Matches(@"^\d+( → \d+)*$", c));
        await page.Locator("[data-test=timeline-table-toggle]").ClickAsync();

        await page.Locator("[data-test=timeline-slot]").ScreenshotAsync(Shot("lanes-by-task-light.png"));
        await AssertStripsAlignedAsync(page, [StrategyIds.Threads, StrategyIds.Async]);
        await page.Locator(".tl-strategy:has([data-test=timeline-threads])").ScreenshotAsync(Shot("counter-strip-aligned-light.png"));

        await page.Locator("[data-test=dark-toggle]").ClickAsync();
        await page.WaitForFunctionAsync(DarkBackground);
        await page.WaitForTimeoutAsync(400); // the module notices the theme on its next tick and redraws
        await page.Locator("[data-test=timeline-slot]").ScreenshotAsync(Shot("lanes-by-task-dark.png"));
        await toggle.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-test=timeline-async]').getAttribute('data-lane-mode') === 'thread'");
        await page.WaitForTimeoutAsync(300);
        await page.Locator("[data-test=timeline-slot]").ScreenshotAsync(Shot("lanes-by-thread-dark.png"));
        await page.Locator("[data-test=dark-toggle]").ClickAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Each strip's plot starts where its canvas' time axis starts, is as wide as the canvas' plot,
    /// and one second is as wide in the strip as on the canvas: the module draws both on one scale
    /// (the strip's last sample sits where its time is drawn above).
    /// </summary>
    private static async Task AssertStripsAlignedAsync(IPage page, IEnumerable<string> strategies)
    {
        foreach (var strategy in strategies)
        {
            var figures = await page.EvaluateAsync<JsonElement>("""
                strategy => {
                  const canvas = document.querySelector(`[data-test=timeline-${strategy}]`);
                  const svg = canvas.closest('.tl-strategy').querySelector('.counter-strip-svg');
                  if (!svg) return null;
                  const c = canvas.getBoundingClientRect();
                  const s = svg.getBoundingClientRect();
                  const plotW = c.width - 116 - 10;
                  const domain = Number(canvas.getAttribute('data-domain'));
                  const lastX = Math.max(...[...svg.querySelectorAll('polyline')].map(p => Number(p.getAttribute('points').trim().split(' ').at(-1).split(',')[0])));
                  return { left: s.left - c.left, width: s.width, plotW, domain, stripDomain: Number(svg.getAttribute('data-domain')),
                           lastX, expected: Math.min(plotW, plotW * Number(svg.getAttribute('data-seconds')) / domain) };
                }
                """, strategy);
            Assert.True(figures.ValueKind == JsonValueKind.Object, $"{strategy}: a counter strip under the timeline");
            var left = figures.GetProperty("left").GetDouble();
            Assert.True(Math.Abs(left - 116) <= 0.5, $"{strategy}: the strip starts {left:F2} px from the canvas' left, the axis at 116 px");
            Assert.True(Math.Abs(figures.GetProperty("width").GetDouble() - figures.GetProperty("plotW").GetDouble()) <= 0.5,
                $"{strategy}: the strip's plot is as wide as the canvas' plot ({figures})");
            Assert.Equal(figures.GetProperty("domain").GetDouble(), figures.GetProperty("stripDomain").GetDouble(), 3);
            Assert.True(Math.Abs(figures.GetProperty("lastX").GetDouble() - figures.GetProperty("expected").GetDouble()) <= 1,
                $"{strategy}: the strip's seconds are as wide as the canvas' ({figures})");
        }
    }

    private static LocatorScreenshotOptions Shot(string name) => new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, name) };
}
