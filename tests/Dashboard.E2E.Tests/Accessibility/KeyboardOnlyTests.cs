using Dashboard.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Accessibility;

/// <summary>
/// The whole lab without a mouse: Tab, Enter, Space (and typing into the number fields) from the
/// Run page to a live run, focus on the live page's title, then Cancel; the timeline of the
/// cancelled run is walked with the arrow keys and its table opened from the keyboard.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardOnlyTests(DashboardAppFixture app)
{
    private const int MaxTabs = 200;

    [Fact]
    public async Task RunToLiveToCancel_KeyboardOnly_FocusOnTitleAndRunCancelled()
    {
        var page = await app.NewPageAsync();
        await A11yRuns.OpenAsync(page, "/", dark: false);

        await TabToAsync(page, "[data-test=workload-hello]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-test=workload-hello][data-selected=true]").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "a11y-keyboard-card-focused.png") });

        await TabToAsync(page, "[data-test=preset-quick]");
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "[data-test=preset-apply]");
        await page.Keyboard.PressAsync("Enter");
        await TypeIntoAsync(page, "field-tasks", "10");
        await TypeIntoAsync(page, "field-delay", "2000");

        await TabToAsync(page, "[data-test=run-button]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => /^\\/runs\\/\\d+$/.test(location.pathname)");

        // The live page's title has the focus: a screen reader starts reading there.
        await page.WaitForFunctionAsync("() => document.activeElement?.matches('h1[data-test=run-title]') === true");
        Assert.Contains("Hello", await page.EvaluateAsync<string>("() => document.activeElement.textContent"), StringComparison.Ordinal);

        // The run's state is in a polite status region.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-test=live-run]')?.getAttribute('data-state') === 'running'");
        await page.WaitForFunctionAsync("() => /running/.test(document.querySelector('[data-test=run-status]')?.textContent || '')");
        Assert.Equal("polite", await page.Locator("[data-test=run-status]").GetAttributeAsync("aria-live"));

        await TabToAsync(page, "[data-test=cancel-button]");
        await page.Keyboard.PressAsync("Space");
        await page.WaitForFunctionAsync(
            "() => document.querySelector('[data-test=live-run]')?.getAttribute('data-state') === 'cancelled'", null, new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync("() => /cancelled/.test(document.querySelector('[data-test=run-status]')?.textContent || '')");

        // The cancelled run's timeline, from the keyboard: the first task is said in the live region.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-test=timeline-sequential]')?.getAttribute('data-state') === 'done'");
        await TabToAsync(page, "[data-test=timeline-sequential]");
        await page.Keyboard.PressAsync("Home");
        Assert.Equal("0", await page.Locator("[data-test=timeline-sequential]").GetAttributeAsync("data-selected-task"));
        Assert.Contains("Task #0", await page.Locator("[data-test=timeline-live]").First.TextContentAsync(), StringComparison.Ordinal);

        // Table view: the spans of the cancelled run, the last one cut short.
        await TabToAsync(page, "[data-test=timeline-table-toggle]", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        var rows = page.Locator("[data-test=timeline-table-sequential] tbody tr[data-task]");
        await rows.First.WaitForAsync();
        var bars = int.Parse((await page.Locator("[data-test=timeline-sequential]").GetAttributeAsync("data-bars"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(bars, await rows.CountAsync());
        Assert.Equal("cancelled", await rows.Last.Locator("td:nth-child(7)").TextContentAsync()); // the Status column
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Tab (or Shift+Tab) until the focused element matches the selector, or fails.</summary>
    private static async Task TabToAsync(IPage page, string selector, bool backwards = false)
    {
        for (var i = 0; i < MaxTabs; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        var at = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'");
        throw new InvalidOperationException($"{MaxTabs} Tab presses did not reach {selector}; focus is on {at}");
    }

    /// <summary>Tabs to a number field, replaces its value by typing, and leaves it with Tab.</summary>
    private static async Task TypeIntoAsync(IPage page, string field, string value)
    {
        await TabToAsync(page, $"input[data-test={field}], [data-test={field}] input");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(value);
        await page.Keyboard.PressAsync("Tab");
    }
}
