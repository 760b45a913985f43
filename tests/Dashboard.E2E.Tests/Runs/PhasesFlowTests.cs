using System.Globalization;
using Dashboard.E2E.Tests.Accessibility;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Runs;

/// <summary>
/// Phases on a real run in real Chromium: worker processes and Python interpreters start before
/// their strategy's first task, and the race rows and the timelines draw that start-up as a segment
/// ending at the first task's measured start; in-process strategies get none; reopened from the
/// store once its live events are gone, the run draws the same segments.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhasesFlowTests(DashboardAppFixture app)
{
    private static readonly string[] StartsSomething = [StrategyIds.Processes, PythonTwins.Key(StrategyIds.Sequential), PythonTwins.Key(StrategyIds.Processes)];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ProcessesAndPythonTwins_StartupSegmentBeforeTheFirstTask_SameFromTheStore(bool dark)
    {
        var plan = new RunPlan(new HelloParameters(6, "Ada", 50), [StrategyIds.Sequential, StrategyIds.Processes],
            Options: new StrategyOptions(ProcessCount: 2), Runtime: LabRuntime.Both);
        var run = app.Services.GetRequiredService<IRunQueue>().Enqueue(plan, $"phases {(dark ? "dark" : "light")}");
        var page = await app.NewPageAsync(dark ? ColorScheme.Dark : ColorScheme.Light);
        await page.SetViewportSizeAsync(1440, 900);
        await A11yRuns.OpenAsync(page, LivePages.RunPath(run.Id), dark);

        // Seen while it lasts when the page is quick enough (a picture, not a claim: a start can end before a frame).
        try
        {
            await page.WaitForFunctionAsync("() => document.querySelector('[data-test=race] canvas[data-startup-state=open]') !== null",
                null, new() { Timeout = 60_000, PollingInterval = 50 });
            await page.ScreenshotAsync(Shot($"phases-1440-starting-{Theme(dark)}.png"));
        }
        catch (TimeoutException)
        {
            // Every start ended between two frames.
        }

        await page.Locator("[data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 300_000 });
        await page.Locator("[data-test=summary-table]").WaitForAsync();
        var stored = await app.Services.GetRequiredService<IRunStore>().GetAsync(run.Id, CancellationToken.None);
        Assert.NotNull(stored);
        var live = await AssertPhasesAsync(page, stored.Run);
        Assert.Equal(3, await page.Locator("[data-test=race-startup-notes] li").CountAsync()); // worker start, interpreter start, none (sequential)
        await page.ScreenshotAsync(Shot($"phases-1440-finished-{Theme(dark)}.png"));
        await page.ScreenshotAsync(Shot($"phases-1440-finished-{Theme(dark)}-full.png", fullPage: true));
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(300); // the module redraws on the resize
        await page.ScreenshotAsync(Shot($"phases-390-finished-{Theme(dark)}.png"));

        // Two newer runs release this run's live events: it now draws from the store alone.
        await FinishedAsync(new RunPlan(new HelloParameters(2, "Ada", 10), [StrategyIds.Sequential]), "phases after 1");
        await FinishedAsync(new RunPlan(new HelloParameters(2, "Ada", 10), [StrategyIds.Sequential]), "phases after 2");
        await page.SetViewportSizeAsync(1440, 900);
        await A11yRuns.OpenAsync(page, LivePages.RunPath(run.Id), dark);
        var fromStore = await AssertPhasesAsync(page, stored.Run);
        foreach (var (strategy, seconds) in live)
        {
            Assert.Equal(seconds, fromStore[strategy], 3);
        }

        await page.ScreenshotAsync(Shot($"phases-1440-stored-{Theme(dark)}.png"));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Every strategy that starts something draws a measured segment on its race row and its
    /// timeline, ending at its last repetition's first task start (as stored); in-process ones none.
    /// </summary>
    private static async Task<Dictionary<string, double>> AssertPhasesAsync(IPage page, RunSummary run)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var strategy in run.Plan.StrategyRuns)
        {
            var race = $"canvas[data-race={strategy}]";
            var timeline = $"[data-test=timeline-{strategy}]";
            await WaitForAttributeAsync(page, race, "data-state", "done");
            await WaitForAttributeAsync(page, timeline, "data-state", "done");
            if (!StartsSomething.Contains(strategy))
            {
                Assert.Equal("", await page.Locator(race).GetAttributeAsync("data-startup-state"));
                Assert.Equal("", await page.Locator(timeline).GetAttributeAsync("data-startup-state"));
                Assert.Equal("no start-up", (await page.Locator($"[data-test=race-startup-{strategy}]").InnerTextAsync()).Trim());
                continue;
            }

            await WaitForAttributeAsync(page, race, "data-startup-state", "measured");
            await WaitForAttributeAsync(page, timeline, "data-startup-state", "measured");
            var onRace = Seconds(await page.Locator(race).GetAttributeAsync("data-startup-seconds"));
            Assert.Equal(onRace, Seconds(await page.Locator(timeline).GetAttributeAsync("data-startup-seconds")), 6);

            // The segment ends where the last repetition's first task started: measured, not guessed.
            var last = run.Results.Last(r => r.Strategy == strategy);
            var firstTask = RunShape.FirstStart(last);
            Assert.NotNull(firstTask);
            Assert.True(onRace > 0, $"{strategy}: a start-up before its first task");
            Assert.Equal(firstTask.Value, onRace, 3);
            Assert.Contains("start-up counted", await page.Locator($"[data-test=race-startup-{strategy}]").InnerTextAsync(), StringComparison.Ordinal);
            seconds[strategy] = onRace;
        }

        return seconds;
    }

    private async Task FinishedAsync(RunPlan plan, string label)
    {
        var run = app.Services.GetRequiredService<IRunQueue>().Enqueue(plan, label);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await foreach (var _ in app.Services.GetRequiredService<IRunFeed>().WatchAsync(run.Id, timeout.Token))
        {
        }
    }

    private static double Seconds(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);

    private static string Theme(bool dark) => dark ? "dark" : "light";

    private static Task WaitForAttributeAsync(IPage page, string selector, string name, string value) =>
        page.WaitForFunctionAsync(
            "([selector, name, value]) => document.querySelector(selector)?.getAttribute(name) === value",
            new object[] { selector, name, value }, new() { Timeout = 60_000 });

    private static PageScreenshotOptions Shot(string name, bool fullPage = false) => new()
    {
        Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, name),
        FullPage = fullPage,
    };
}
