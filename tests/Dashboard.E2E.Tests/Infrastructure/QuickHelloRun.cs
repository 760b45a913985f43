using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Infrastructure;

/// <summary>The quick hello run as a person starts it on the Run page, and its live page watched to the end.</summary>
public static class QuickHelloRun
{
    /// <summary>Opens the Run page, picks hello with the quick preset and clicks Run.</summary>
    public static async Task StartAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("[data-test=workload-hello]").ClickAsync();
        // Each click re-renders the form: a click that lands on the previous render's button is lost
        // (seen once in CI: the preset preview never came). Wait for each step's own render first.
        await page.Locator("[data-test=workload-hello][data-selected=true]").WaitForAsync();
        await page.Locator("[data-test=preset-quick]").ClickAsync();
        await page.Locator("[data-test=preset-preview]").WaitForAsync();
        await page.Locator("[data-test=preset-apply]").ClickAsync();
        await page.Locator("[data-test=run-button]").ClickAsync();
    }

    /// <summary>Waits on the live page until the run completed, its summary and timelines drawn.</summary>
    public static async Task WatchToTheEndAsync(IPage page)
    {
        await page.Locator("[data-interactive=true][data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 240_000 });
        await page.Locator("[data-test=summary-table]").WaitForAsync();
        Assert.NotEqual(0, await page.Locator("canvas[data-test^=timeline-]").CountAsync());
    }

    /// <summary>Chromium reports each blocked script, style, connection or frame as a console error.</summary>
    public static List<string> CollectCspViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };
        return violations;
    }
}
