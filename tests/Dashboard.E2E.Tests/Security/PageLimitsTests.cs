using System.Net;
using Dashboard.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Security;

/// <summary>
/// A page is no way around the API's per-client limits: runs started on the Run page and imports
/// made on the History page take the same permits as POST /api/runs and POST /api/runs/import.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageLimitsTests(DashboardAppFixture fixture) : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("dashboard-e2e-limits-").FullName;
    private DashboardAppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new DashboardAppFactory(_data, new Dictionary<string, string?>
        {
            ["RateLimits:RunsPerMinute"] = "2",
            ["RateLimits:ImportsPerMinute"] = "1",
        });
        _ = _app.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // The log may still be closing; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task RunPage_ThirdRunInAMinute_RefusedWithTheReason_AndTheApiToo()
    {
        var page = await NewPageAsync();
        for (var i = 0; i < 2; i++)
        {
            await QuickHelloRun.StartAsync(page);
            await page.WaitForFunctionAsync("() => /^\\/runs\\/\\d+$/.test(location.pathname)");
        }

        await QuickHelloRun.StartAsync(page);

        var message = page.Locator("[data-test=queue-full]");
        await message.WaitForAsync();
        Assert.Contains("limit for new runs", await message.InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "run-page-rate-limited.png"), FullPage = true });

        using var api = new HttpClient { BaseAddress = _app.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _app.Token);
        using var response = await api.PostAsync("/api/runs", new StringContent("""{"workload":"hello","tasks":2}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task HistoryPage_SecondImportInAMinute_RefusedWithTheReason()
    {
        using var api = new HttpClient { BaseAddress = _app.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _app.Token);
        using var created = await api.PostAsync("/api/runs", new StringContent("""{"workload":"hello","tasks":2,"strategies":["sequential"],"options":{"delayMs":1}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        var file = Path.Combine(_data, "export.json");
        for (var attempt = 0; ; attempt++)
        {
            using var export = await api.GetAsync(location + "/export/json");
            if (export.IsSuccessStatusCode)
            {
                await File.WriteAllBytesAsync(file, await export.Content.ReadAsByteArrayAsync());
                break;
            }

            Assert.True(attempt < 300, $"the run never finished: {export.StatusCode}");
            await Task.Delay(200);
        }

        var page = await NewPageAsync();
        await page.GotoAsync("/history");
        await page.Locator("[data-interactive=true][data-test=history]").WaitForAsync();
        var message = page.Locator("[data-test=history-message]");

        await page.Locator("[data-test=import-upload] input[type=file]").SetInputFilesAsync(file);
        await message.Filter(new() { HasText = "as run" }).WaitForAsync();

        // The upload keeps one hidden input per file chosen; the newest takes the next file.
        await page.Locator("[data-test=import-upload] input[type=file]").Last.SetInputFilesAsync(file);

        await message.Filter(new() { HasText = "limit for imports" }).WaitForAsync();
        await page.Context.CloseAsync();
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            BypassCSP = true,
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await DashboardAppFixture.SignInAsync(page, _app.Token);
        return page;
    }
}
