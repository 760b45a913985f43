using Dashboard.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Security;

/// <summary>
/// A page's live connection (its Blazor circuit) holds only while its sign-in does: after the
/// session is signed out elsewhere, the page's next click ends the circuit instead of acting,
/// and reloading leads to the sign-in page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionEndFlowTests(DashboardAppFixture app)
{
    [Fact]
    public async Task SignedOutElsewhere_TheOpenPagesNextClickDoesNothingAndReloadAsksToSignIn()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/history");
        await page.Locator("[data-interactive=true][data-test=history]").WaitForAsync();
        var toggle = page.Locator("[data-test=dark-toggle]");
        var before = await toggle.GetAttributeAsync("aria-pressed");

        // The same session signed out from another tab of this browser (same cookie).
        var logout = await page.APIRequest.PostAsync("/logout", new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = app.BaseAddress.GetLeftPart(UriPartial.Authority) },
            MaxRedirects = 0,
        });
        Assert.Equal(303, logout.Status);

        await toggle.ClickAsync();

        var log = await WaitForLogAsync("its sign-in has ended");
        Assert.Contains("ended: its sign-in has ended", log, StringComparison.Ordinal);
        Assert.Equal(before, await toggle.GetAttributeAsync("aria-pressed"));
        await page.ReloadAsync();
        await page.WaitForURLAsync(url => url.Contains("/login?returnUrl=%2Fhistory", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private async Task<string> WaitForLogAsync(string expected)
    {
        var text = "";
        for (var attempt = 0; attempt < 150 && !text.Contains(expected, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(200);
            text = "";
            foreach (var file in Directory.GetFiles(Path.Combine(app.DataDirectory, "logs"), "dashboard-*.log"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                text += await reader.ReadToEndAsync();
            }
        }

        return text;
    }
}
