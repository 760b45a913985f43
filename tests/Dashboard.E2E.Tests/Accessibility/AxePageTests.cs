using Dashboard.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.E2E.Tests.Accessibility;

/// <summary>
/// axe-core on every page of the app, light and dark: no serious or critical WCAG 2.2 A/AA
/// violation. The live page is checked finished and while a run is going.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AxePageTests(DashboardAppFixture app, ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryPage_BothThemes_NoSeriousOrCriticalViolations(bool dark)
    {
        var finished = await A11yRuns.FinishedRunAsync(app.Services);
        var scheme = dark ? ColorScheme.Dark : ColorScheme.Light;
        var page = await app.NewPageAsync(scheme);
        var failures = new List<string>();
        var checkedPages = 0;

        async Task CheckAsync(string name, string? path)
        {
            if (path is not null)
            {
                await A11yRuns.OpenAsync(page, path, dark);
            }

            var violations = await Axe.SeriousViolationsAsync(page);
            output.WriteLine($"{name} ({(dark ? "dark" : "light")}): {violations.Count} serious/critical rule(s) violated");
            if (violations.Count > 0)
            {
                failures.Add(Axe.Describe(name, violations));
            }

            checkedPages++;
        }

        await CheckAsync("run", "/");
        await CheckAsync("live (finished)", LivePages.RunPath(finished));

        // The same page with its text alternatives open: the span tables and the charts' data tables.
        await page.Locator("[data-test=timeline-table-toggle]").ClickAsync();
        await page.Locator("[data-test=timeline-table-sequential] tbody tr[data-task]").First.WaitForAsync();
        foreach (var summary in await page.Locator("[data-test=chart-data] summary").AllAsync())
        {
            await summary.ClickAsync();
        }

        // And one timeline in lanes by task (its switch pressed, its table with the threads column).
        await page.Locator("[data-test=timeline-lanes-sequential]").ClickAsync();
        await page.Locator("[data-test=timeline-sequential][data-lane-mode=task]").WaitForAsync();
        await page.Locator("[data-test=timeline-sequential]").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Locator("[data-test=timeline-tooltip]").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, $"a11y-live-tables-{(dark ? "dark" : "light")}.png"), FullPage = true });
        await CheckAsync("live (tables open)", null);
        await CheckAsync("history", "/history");
        await CheckAsync("compare", $"/compare?ids={finished}");
        await CheckAsync("targets", "/targets");
        await CheckAsync("glossary", "/glossary");
        await CheckAsync("share", "/share");
        await A11yRuns.OpenAsync(page, "/", dark);
        await page.Locator("[data-test=preset-quick]").ClickAsync();
        await page.Locator("[data-test=preset-preview]").WaitForAsync();
        await CheckAsync("run (preset preview open)", null);

        var running = await A11yRuns.RunningRunAsync(app.Services);
        try
        {
            await CheckAsync("live (running)", LivePages.RunPath(running));
        }
        finally
        {
            await A11yRuns.CancelAndWaitAsync(app.Services, running);
        }

        await page.Context.CloseAsync();
        var signedOut = await app.NewSignedOutPageAsync(scheme);
        page = signedOut;
        await CheckAsync("login", "/login");
        await signedOut.Context.CloseAsync();

        Assert.Equal(11, checkedPages);
        Assert.True(failures.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", failures));
    }
}
