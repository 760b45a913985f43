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

        async Task CheckAsync(string name, string path)
        {
            await A11yRuns.OpenAsync(page, path, dark);
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
        await CheckAsync("history", "/history");
        await CheckAsync("compare", $"/compare?ids={finished}");
        await CheckAsync("targets", "/targets");

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

        Assert.Equal(7, checkedPages);
        Assert.True(failures.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", failures));
    }
}
