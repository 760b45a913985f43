using System.Globalization;
using Dashboard.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Accessibility;

/// <summary>
/// Phone to laptop: no page is wider than the viewport at 360, 390 and 768 px, chart text stays
/// readable, and the navigation is reachable through the menu button on a phone. Screenshots
/// (390 and 1280 px, light and dark) go to <see cref="DashboardAppFixture.ScreenshotDirectory"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ResponsiveTests(DashboardAppFixture app)
{
    private const string PageWidth = "() => [document.documentElement.scrollWidth, window.innerWidth]";

    [Fact]
    public async Task EveryPage_360To768Px_NoWiderThanTheViewport_ChartTextAtLeast11Px()
    {
        var finished = await A11yRuns.FinishedRunAsync(app.Services);
        var paths = new[] { "/", LivePages.RunPath(finished), "/history", $"/compare?ids={finished},{finished}", "/targets", "/login" };
        var page = await app.NewPageAsync();
        var failures = new List<string>();
        foreach (var width in new[] { 360, 390, 768 })
        {
            await page.SetViewportSizeAsync(width, 800);
            foreach (var path in paths)
            {
                await A11yRuns.OpenAsync(page, path, dark: false);
                if (path == LivePages.RunPath(finished))
                {
                    await page.Locator("[data-test=charts] svg").First.WaitForAsync();
                }

                var sizes = await page.EvaluateAsync<int[]>(PageWidth);
                if (sizes[0] > sizes[1])
                {
                    // Name what sticks out, so a failure says where to look.
                    var culprits = await page.EvaluateAsync<string>("""
                        () => [...document.querySelectorAll('body *')]
                            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.getBoundingClientRect().width > 0)
                            .slice(-3).map(e => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent || '').trim().slice(0, 40)}`).join(' | ')
                        """);
                    failures.Add($"{path} at {width} px is {sizes[0]} px wide ({culprits})");
                }

                // Rendered size of every chart text (the SVG scales with its box).
                var smallest = await page.EvaluateAsync<double>("""
                    () => Math.min(999, ...[...document.querySelectorAll('.mud-chart svg text')]
                        .filter(t => t.getBoundingClientRect().height > 0 && t.textContent.trim() !== '')
                        .map(t => parseFloat(getComputedStyle(t).fontSize) * (t.ownerSVGElement.getScreenCTM()?.a ?? 1)))
                    """);
                if (smallest < 11 - 0.01)
                {
                    failures.Add($"{path} at {width} px has chart text of {smallest.ToString("0.0", CultureInfo.InvariantCulture)} px");
                }
            }
        }

        await page.Context.CloseAsync();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Phone390Px_MenuButton_OpensTheNavigationAndReachesTargets()
    {
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(390, 800);
        await A11yRuns.OpenAsync(page, "/", dark: false);

        // The wide navigation is hidden; the menu button is there and says it is closed.
        Assert.False(await page.Locator("[data-test=nav-wide]").IsVisibleAsync());
        var menu = page.Locator("[data-test=menu-button]");
        Assert.True(await menu.IsVisibleAsync());
        Assert.Equal("false", await menu.GetAttributeAsync("aria-expanded"));
        Assert.True(await page.Locator("[data-test=dark-toggle]").IsVisibleAsync());

        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-test=nav-menu]").WaitForAsync();
        Assert.Equal("true", await menu.GetAttributeAsync("aria-expanded"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "a11y-menu-390-light.png") });

        var targets = page.Locator("[data-test=menu-targets]");
        Assert.True(await targets.IsVisibleAsync());
        await targets.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/targets", StringComparison.Ordinal));
        await page.Locator("h1").Filter(new() { HasText = "Simulated targets" }).WaitForAsync();

        // Navigating closed the menu.
        await page.Locator("[data-test=nav-menu]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LargeTextButton_Projector_ScalesPageAndChartTextAndIsRemembered()
    {
        var finished = await A11yRuns.FinishedRunAsync(app.Services);
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        await A11yRuns.OpenAsync(page, LivePages.RunPath(finished), dark: false);
        await page.Locator("[data-test=charts] svg").First.WaitForAsync();
        const string Sizes = """
            () => [parseFloat(getComputedStyle(document.querySelector('h1')).fontSize),
                   parseFloat(getComputedStyle(document.querySelector('.mud-chart svg text')).fontSize)]
            """;
        var before = await page.EvaluateAsync<double[]>(Sizes);

        await page.Locator("[data-test=large-toggle]").ClickAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.classList.contains('dash-large')");
        Assert.Equal("true", await page.Locator("[data-test=large-toggle]").GetAttributeAsync("aria-pressed"));
        var after = await page.EvaluateAsync<double[]>(Sizes);
        Assert.Equal(before[0] * 1.25, after[0], 1);
        Assert.True(after[1] >= 14, $"chart text {after[1]} px in large mode");
        var widths = await page.EvaluateAsync<int[]>(PageWidth);
        Assert.True(widths[0] <= widths[1], $"large mode is {widths[0]} px wide in {widths[1]}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "a11y-live-1280-large.png"), FullPage = true });

        // Remembered on the next page load.
        await A11yRuns.OpenAsync(page, "/history", dark: false);
        await page.WaitForFunctionAsync("() => document.documentElement.classList.contains('dash-large')");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Screenshots_390And1280Px_LightAndDark()
    {
        var finished = await A11yRuns.FinishedRunAsync(app.Services);
        foreach (var dark in new[] { false, true })
        {
            var page = await app.NewPageAsync(dark ? ColorScheme.Dark : ColorScheme.Light);
            foreach (var width in new[] { 390, 1280 })
            {
                await page.SetViewportSizeAsync(width, 900);
                foreach (var (name, path) in new[] { ("home", "/"), ("live", LivePages.RunPath(finished)), ("history", "/history") })
                {
                    await A11yRuns.OpenAsync(page, path, dark);
                    if (name == "live")
                    {
                        await page.Locator("[data-test=charts] svg").First.WaitForAsync();
                    }

                    var file = Path.Combine(DashboardAppFixture.ScreenshotDirectory, $"a11y-{name}-{width}-{(dark ? "dark" : "light")}.png");
                    await page.ScreenshotAsync(new() { Path = file, FullPage = true });
                    Assert.True(new FileInfo(file).Length > 0);
                }
            }

            await page.Context.CloseAsync();
        }
    }
}
