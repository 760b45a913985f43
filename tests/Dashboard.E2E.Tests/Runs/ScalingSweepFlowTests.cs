using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Strategies;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Runs;

/// <summary>
/// A scaling sweep in real Chromium: the Run page's Sweep control, a power run with three sized
/// strategies at sizes 1 and 2, and the speedup charts with the Amdahl fit and their Explain
/// sentence. Screenshots of the control and the charts go to <see cref="DashboardAppFixture.ScreenshotDirectory"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScalingSweepFlowTests(DashboardAppFixture app)
{
    private static readonly string[] Swept = [StrategyIds.ThreadPool, StrategyIds.Parallel, StrategyIds.Processes];

    [Fact]
    public async Task SweepControl_PowerSweepOneTwo_ChartsEachStrategyWithItsFit()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-interactive=true]").WaitForAsync();

        await page.Locator("[data-test=workload-power]").ClickAsync();
        await page.Locator("[data-test=preset-tutorial]").ClickAsync();
        await page.Locator("[data-test=preset-apply]").ClickAsync();
        var count = page.Locator("input[data-test=field-count], [data-test=field-count] input").First;
        await count.FillAsync("8");
        await count.PressAsync("Tab");
        // Each click waits for the server's render: a check made before "None" is drawn would be a no-op
        // on a box still shown ticked, and "None" would then untick it.
        await page.Locator("[data-test=strategies-none]").ClickAsync();
        try
        {
            await page.WaitForFunctionAsync("() => document.querySelectorAll('.strategy-option[data-checked=true]').length === 0");
        }
        catch (TimeoutException)
        {
            var still = await page.Locator(".strategy-option[data-checked=true]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.test)");
            throw new TimeoutException($"Still ticked after None: {string.Join(", ", still)}");
        }
        foreach (var strategy in Swept)
        {
            await page.Locator($"[data-test=strategy-{strategy}] input").ClickAsync();
            await page.Locator($"[data-test=strategy-{strategy}][data-checked=true]").WaitForAsync();
        }

        var sweep = page.Locator("input[data-test=field-sweep], [data-test=field-sweep] input").First;
        await sweep.FillAsync("1,2");
        await sweep.PressAsync("Tab");
        try
        {
            await page.WaitForFunctionAsync("() => document.querySelector('[data-test=sweep-note]')?.textContent.includes('at 1, 2: 6 strategy runs')");
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Shot("failure-sweep-note.png"), FullPage = true });
            throw new TimeoutException($"Sweep note: {await page.Locator("[data-test=sweep-note]").InnerTextAsync()}");
        }
        await page.Locator("[data-test=sweep]").ScreenshotAsync(new() { Path = Shot("sweep-control-light.png") });
        await page.ScreenshotAsync(new() { Path = Shot("sweep-run-page-light.png"), FullPage = true });

        await page.Locator("[data-test=run-button]").ClickAsync();
        await page.WaitForFunctionAsync("() => /^\\/runs\\/\\d+$/.test(location.pathname)");
        await page.WaitForFunctionAsync(
            "() => document.querySelector('[data-test=live-run]')?.getAttribute('data-state') === 'completed'", null, new() { Timeout = 240_000 });

        // One timeline per strategy and size, one chart per swept strategy.
        foreach (var strategy in Swept)
        {
            foreach (var size in new[] { 1, 2 })
            {
                await page.Locator($"[data-test='timeline-{StrategySizes.Key(strategy, size)}']").WaitForAsync();
            }

            var chart = page.Locator($"[data-test=chart-scaling][data-strategy={strategy}]");
            await chart.WaitForAsync();
            var caption = await chart.Locator("[data-test=scaling-caption]").InnerTextAsync();
            Assert.Contains("fit: serial fraction ", caption, StringComparison.Ordinal);
            // The data table is inside a closed <details>: read its cells' text content, not their rendered text.
            var headers = await chart.Locator("thead th").AllTextContentsAsync();
            var unit = StrategyCatalog.Get(strategy).Size!.Unit;
            Assert.Equal(char.ToUpperInvariant(unit[0]) + unit[1..], headers[0]);
            Assert.Equal("measured", headers[1]);
            Assert.StartsWith("Amdahl fit (f = ", headers[2], StringComparison.Ordinal);
            Assert.Equal("ideal (= size)", headers[3]);
            Assert.Equal(2, await chart.Locator("tbody tr").CountAsync());
            // The lines are drawn once the chart has sized itself to its box.
            await chart.Locator("svg path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }

        // TextContent: the lines under "more" (a closed <details>) count too.
        var explain = await page.Locator("[data-test=explain]").TextContentAsync() ?? "";
        Assert.Contains("Amdahl's law fits it with a serial fraction of", explain, StringComparison.Ordinal);

        await page.Locator("[data-test=scaling-charts]").ScrollIntoViewIfNeededAsync();
        await page.Locator("[data-test=scaling-charts]").ScreenshotAsync(new() { Path = Shot("sweep-charts-light.png") });
        await page.ScreenshotAsync(new() { Path = Shot("sweep-run-finished-light.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    private static string Shot(string name) => Path.Combine(DashboardAppFixture.ScreenshotDirectory, name);
}
