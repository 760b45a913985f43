using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Web.Routes;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Security;

/// <summary>
/// A classroom in two browsers: the owner makes a read-only link on the Share page; a second
/// browser opens it, watches a run with no Run, Cancel, Delete or Import buttons (and a note
/// that says why); the owner's live page and share panel show it watching; revoking the link
/// sends the viewer back to the sign-in page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ViewerLinkFlowTests(DashboardAppFixture app)
{
    [Fact]
    public async Task Owner_SharesAReadOnlyLink_TheViewerWatchesWithoutActions_AndRevokeEndsIt()
    {
        var owner = await app.NewPageAsync();
        await owner.GotoAsync(AppRoutes.Share);
        await owner.Locator("[data-interactive=true][data-test=share]").WaitForAsync();
        await owner.Locator("[data-test=share-create]").ClickAsync();
        var link = await owner.Locator("[data-test=share-created] input").InputValueAsync();
        Assert.Contains("/login?v=", link, StringComparison.Ordinal);
        await owner.Locator("[data-test=share-panel]").ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "share-panel-created.png") });

        // A run the class watches: long enough to be live when the viewer arrives.
        using var api = app.CreateApiClient();
        using var started = await api.PostAsync("/api/runs", new StringContent(
            """{"workload":"hello","tasks":40,"strategies":["sequential","async"],"options":{"delayMs":100}}""", Encoding.UTF8, "application/json"));
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await owner.GotoAsync(AppRoutes.Run(runId));
        await owner.Locator("[data-interactive=true][data-test=live-run]").WaitForAsync();

        var viewer = await app.NewSignedOutPageAsync();
        await viewer.GotoAsync(link);
        await viewer.WaitForURLAsync(url => url.EndsWith(AppRoutes.History, StringComparison.Ordinal));
        await viewer.Locator("[data-interactive=true][data-test=history]").WaitForAsync();
        await viewer.Locator("[data-test=viewer-notice]").WaitForAsync();
        Assert.Equal(0, await viewer.Locator("[data-test=import-button]").CountAsync());
        Assert.Equal(0, await viewer.Locator($"[data-test=delete-{runId}]").CountAsync());
        Assert.Equal(0, await viewer.Locator("[data-test=nav-share]").CountAsync());

        await viewer.GotoAsync(AppRoutes.Run(runId));
        await viewer.Locator("[data-interactive=true][data-test=live-run]").WaitForAsync();
        Assert.Equal(0, await viewer.Locator("[data-test=cancel-button]").CountAsync());
        await Assertions.Expect(owner.Locator("[data-test=watching-count]")).ToHaveTextAsync("1 watching", new() { Timeout = 30_000 });
        Assert.Equal(1, await owner.Locator("[data-test=cancel-button]").CountAsync());
        await viewer.ScreenshotAsync(Shot("viewer-live-run.png"));
        await owner.ScreenshotAsync(Shot("owner-live-run-watching.png"));

        await viewer.Locator("[data-interactive=true][data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 240_000 });
        Assert.Equal(0, await viewer.Locator("[data-test=cancel-button]").CountAsync());

        await viewer.GotoAsync(AppRoutes.Home);
        await viewer.Locator("[data-interactive=true]").First.WaitForAsync();
        Assert.Equal(0, await viewer.Locator("[data-test=run-button]").CountAsync());
        await Assertions.Expect(viewer.Locator("[data-test=read-only-note]")).ToContainTextAsync("the owner starts runs", new() { Timeout = 30_000 });

        await owner.GotoAsync(AppRoutes.Share);
        await owner.Locator("[data-interactive=true][data-test=share]").WaitForAsync();
        await Assertions.Expect(owner.Locator("[data-test=share-watching]")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Assertions.Expect(owner.Locator("[data-test=share-viewers]")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await owner.Locator("[data-test=share-panel]").ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "share-panel.png") });
        await owner.ScreenshotAsync(Shot("share-page.png"));

        await owner.Locator("[data-test^=share-revoke-]").ClickAsync();
        await owner.Locator("[data-test=share-none]").WaitForAsync();
        await viewer.ReloadAsync();
        await viewer.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));

        await viewer.Context.CloseAsync();
        await owner.Context.CloseAsync();
    }

    private static PageScreenshotOptions Shot(string name) =>
        new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, name), FullPage = true };
}
