using System.Globalization;
using Dashboard.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Runtimes;

/// <summary>
/// The runtime toggle in real Chromium: a power run in both runtimes draws each Python twin's
/// timeline beside its .NET strategy, live; screenshots go to <see cref="DashboardAppFixture.ScreenshotDirectory"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RuntimeToggleTests(DashboardAppFixture app)
{
    private const int Tasks = 4;

    [Fact]
    public async Task RuntimeBoth_QuickPower_PythonTimelinesBesideDotnetWithResults()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("[data-test=workload-power]").ClickAsync();
        await page.Locator("[data-test=workload-power][data-selected=true]").WaitForAsync();

        // The runtime first: Quick is fitted to it (with Both, sizes Python can finish in seconds).
        await page.Locator("[data-test=runtime-both]").ClickAsync();
        await page.Locator("[data-test=no-twin-parallel]").WaitForAsync();
        await page.Locator("[data-test=preset-quick]").ClickAsync();
        await page.Locator("[data-test=preset-preview]").WaitForAsync();
        await page.Locator("[data-test=preset-apply]").ClickAsync();
        var tasks = page.Locator("input[data-test=field-count], [data-test=field-count] input").First;
        await tasks.FillAsync(Tasks.ToString(CultureInfo.InvariantCulture));
        await tasks.PressAsync("Tab");
        await page.ScreenshotAsync(Shot("runtime-both-run-page.png"));
        await page.Locator("[data-test=run-button]").ClickAsync();
        await page.WaitForFunctionAsync("() => /^\\/runs\\/\\d+$/.test(location.pathname)");

        await page.WaitForFunctionAsync(
            "document.querySelector('[data-test=live-run]')?.getAttribute('data-state') === 'completed'", null, new() { Timeout = 240_000 });
        foreach (var strategy in new[] { "sequential", "python-sequential", "threads", "python-threads", "python-processes", "parallel" })
        {
            await page.WaitForFunctionAsync(
                "([selector, value]) => document.querySelector(selector)?.getAttribute('data-bars') === value",
                new object[] { $"[data-test=timeline-{strategy}]", Tasks.ToString(CultureInfo.InvariantCulture) });
        }

        Assert.Empty(await page.Locator("[data-test=timeline-python-parallel]").AllAsync());
        Assert.Equal(Tasks.ToString(CultureInfo.InvariantCulture),
            await page.Locator("[data-test=timeline-python-threads]").GetAttributeAsync("data-lanes"));
        await page.Locator("[data-test=summary-table]").WaitForAsync();
        Assert.Equal(13, await page.Locator("[data-test=summary-table] [data-test^=summary-row-]").CountAsync());
        // TextContent: the lines under "more" (a closed <details>) count too.
        var explain = await page.Locator("[data-test=explain]").TextContentAsync() ?? "";
        Assert.Contains("Python threads x", explain, StringComparison.Ordinal);

        // One row of charts per runtime, each on its own axes; the race has a row per strategy and
        // runtime, all above the fold at 1440x900.
        Assert.True(await page.Locator("[data-test=charts-runtime-python]").IsVisibleAsync());
        Assert.True(await page.Locator("[data-test=chart-wall-python] svg").First.IsVisibleAsync());
        Assert.Equal(13, await page.Locator("[data-test=race] canvas[data-race]").CountAsync());
        await page.SetViewportSizeAsync(1440, 900);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var race = await page.Locator("[data-test=race]").BoundingBoxAsync();
        Assert.NotNull(race);
        Assert.True(race.Y + race.Height <= 900, $"the race of 13 rows ends at {race.Y + race.Height} px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "runtime-both-fold-1440.png") });
        await page.ScreenshotAsync(Shot("runtime-both-finished.png"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RuntimePython_StrategyHintsSayWhatEachTwinDoes()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("[data-test=workload-power]").ClickAsync();
        await page.Locator("[data-test=workload-power][data-selected=true]").WaitForAsync();
        Assert.Contains("Task.WhenAll", await page.Locator("[data-test=hint-async]").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("[data-test=runtime-python]").ClickAsync();
        await page.Locator("[data-test=no-twin-parallel]").WaitForAsync();

        var async = await page.Locator("[data-test=hint-async]").InnerTextAsync();
        Assert.Contains("asyncio.gather", async, StringComparison.Ordinal);
        Assert.DoesNotContain("Task.WhenAll", async, StringComparison.Ordinal);
        Assert.Contains("ThreadPoolExecutor with", await page.Locator("[data-test=hint-threadpool]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Parallel.ForEach", await page.Locator("[data-test=hint-parallel]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(Shot("runtime-python-run-page.png"));
        await page.Context.CloseAsync();
    }

    private static PageScreenshotOptions Shot(string name) => new()
    {
        Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, name),
        FullPage = true,
    };
}
