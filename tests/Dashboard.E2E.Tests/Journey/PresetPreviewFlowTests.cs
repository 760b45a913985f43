using Dashboard.E2E.Tests.Accessibility;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Journey;

/// <summary>
/// The Run page's presets say what they set before they are applied, the glossary is one "?" away,
/// and Compare names the settings that differ: in a real browser, both themes, desktop and phone,
/// with screenshots of the Run page, a finished run's live page and Compare.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PresetPreviewFlowTests(DashboardAppFixture app)
{
    [Theory]
    [InlineData(false, 1440, 900)]
    [InlineData(true, 1440, 900)]
    [InlineData(false, 390, 844)]
    [InlineData(true, 390, 844)]
    public async Task PowerQuick_PreviewThenApply_GlossaryAndCompareDifferences(bool dark, int width, int height)
    {
        var page = await app.NewPageAsync(dark ? ColorScheme.Dark : ColorScheme.Light);
        await page.SetViewportSizeAsync(width, height);
        var name = $"{width}x{height}-{(dark ? "dark" : "light")}";
        await A11yRuns.OpenAsync(page, "/", dark);

        await page.Locator("[data-test=workload-power]").ClickAsync();
        await page.Locator("[data-test=workload-power][data-selected=true]").WaitForAsync();
        await page.Locator("[data-test=preset-quick]").ClickAsync();
        var preview = page.Locator("[data-test=preset-preview]");
        await preview.WaitForAsync();
        var text = await preview.InnerTextAsync();
        Assert.Contains("Start (first i): 1,000,000 →", text, StringComparison.Ordinal);
        Assert.Contains("sequentially on this machine", await page.Locator("[data-test=preset-expectation]").InnerTextAsync(), StringComparison.Ordinal);
        // Nothing changed yet: the field still holds the tutorial's value.
        Assert.Equal("1000000", Digits(await page.Locator("input[data-test=field-start]").InputValueAsync()));
        // The Run button stays in view with the preview open.
        Assert.True(await InViewAsync(page, "[data-test=run-button]"), "the Run button is below the fold");
        await page.ScreenshotAsync(new() { Path = Shot($"journey-run-preset-preview-{name}") });

        await page.Locator("[data-test=preset-apply]").ClickAsync();
        await page.Locator("[data-test=preset-preview]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.WaitForFunctionAsync("() => document.querySelector('input[data-test=field-start]').value.replace(/\\D/g, '') !== '1000000'");

        // A "?" opens the glossary entry.
        await page.Locator("[data-test=term-help-gmp]").ClickAsync();
        await page.WaitForURLAsync("**/glossary#gmp");
        Assert.Contains("GNU Multiple Precision", await page.Locator("[data-test=term-gmp]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Shot($"journey-glossary-{name}") });

        var (first, second) = await TwoRunsAsync();
        await A11yRuns.OpenAsync(page, LivePages.RunPath(second), dark);
        await page.Locator("[data-test=race]").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Shot($"journey-live-finished-{name}") });

        await A11yRuns.OpenAsync(page, $"/compare?ids={first},{second}", dark);
        var differences = await page.Locator("[data-test=compare-differences]").InnerTextAsync();
        Assert.Contains("tasks (greetings): 4 vs 6", differences, StringComparison.OrdinalIgnoreCase);
        await page.ScreenshotAsync(new() { Path = Shot($"journey-compare-{name}") });
        await page.Context.CloseAsync();
    }

    private async Task<(long First, long Second)> TwoRunsAsync()
    {
        var queue = app.Services.GetRequiredService<IRunQueue>();
        var feed = app.Services.GetRequiredService<IRunFeed>();
        var first = queue.Enqueue(new RunPlan(new HelloParameters(4, "Ada", 10), [StrategyIds.Sequential, StrategyIds.Processes], Repeat: 1, Warmup: 0), "journey 1");
        var second = queue.Enqueue(new RunPlan(new HelloParameters(6, "Ada", 10), [StrategyIds.Sequential, StrategyIds.Processes], Repeat: 1, Warmup: 0), "journey 2");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        foreach (var id in new[] { first.Id, second.Id })
        {
            await foreach (var _ in feed.WatchAsync(id, timeout.Token))
            {
            }

            while (queue.Find(id)?.State is RunState.Queued or RunState.Running)
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        return (first.Id, second.Id);
    }

    private static Task<bool> InViewAsync(IPage page, string selector) => page.EvaluateAsync<bool>(
        "s => { const r = document.querySelector(s).getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }", selector);

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));

    private static string Shot(string name) => Path.Combine(DashboardAppFixture.ScreenshotDirectory, name + ".png");
}
