using Dashboard.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Security;

/// <summary>
/// Signing in as a person does, in real Chromium, under the app's real Content-Security-Policy
/// (these contexts do not bypass it, so they use locators only, never string evaluation).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInFlowTests(DashboardAppFixture app)
{
    [Fact]
    public async Task SignedOut_OpenHistory_LoginPageThenPastedTokenOpensHistory()
    {
        var page = await app.NewSignedOutPageAsync(enforceCsp: true);
        var violations = QuickHelloRun.CollectCspViolations(page);

        await page.GotoAsync("/history");
        await page.WaitForURLAsync(url => url.Contains("/login?returnUrl=%2Fhistory", StringComparison.Ordinal));
        await page.ScreenshotAsync(Shot("login-light.png"));
        await page.GetByLabel("Token").FillAsync(app.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/history", StringComparison.Ordinal));
        await page.Locator("[data-interactive=true][data-test=history]").WaitForAsync();
        Assert.True(violations.Count == 0, string.Join("\n", violations));

        // Sign out from the top bar: back to the login page, and the pages are closed again.
        // A click that lands while the live circuit re-renders the bar can hit the button being
        // replaced (seen once on a loaded machine); one more click on the new button, then it must post.
        await page.Locator("[data-test=sign-out]").ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => url.EndsWith("/login", StringComparison.Ordinal), new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            await page.Locator("[data-test=sign-out]").ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/login", StringComparison.Ordinal));
        }

        await page.GotoAsync("/targets");
        await page.WaitForURLAsync(url => url.Contains("/login?returnUrl=%2Ftargets", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignedOut_WrongToken_ShowsTheErrorAndStaysOnLogin()
    {
        var page = await app.NewSignedOutPageAsync(ColorScheme.Dark, enforceCsp: true);

        await page.GotoAsync("/login");
        await page.GetByLabel("Token").FillAsync("not-the-token-at-all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.Locator("#login-error").WaitForAsync();
        Assert.Contains("not this dashboard's token", await page.Locator("#login-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == ".Dashboard.Auth");
        await page.ScreenshotAsync(Shot("login-wrong-token-dark.png"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LoginLink_QuickHelloRun_RunsToTheEndUnderTheContentSecurityPolicy()
    {
        var page = await app.NewSignedOutPageAsync(enforceCsp: true);
        var violations = QuickHelloRun.CollectCspViolations(page);
        await DashboardAppFixture.SignInAsync(page, app.Token);

        await QuickHelloRun.StartAsync(page);

        await QuickHelloRun.WatchToTheEndAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.Context.CloseAsync();
    }

    private static PageScreenshotOptions Shot(string name) =>
        new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, name) };
}
