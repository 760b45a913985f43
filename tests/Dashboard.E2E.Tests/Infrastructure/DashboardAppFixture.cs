using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Infrastructure;

/// <summary>
/// The real dashboard on a loopback Kestrel port (temp data folder) and one headless Chromium,
/// shared by the browser tests of a collection.
/// </summary>
public sealed class DashboardAppFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; browsers are never downloaded.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private DashboardAppFactory? _factory;
    private IPlaywright? _playwright;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("dashboard-e2e-").FullName;

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public IServiceProvider Services => _factory!.Services;

    /// <summary>The app's sign-in token.</summary>
    public string Token => _factory!.Token;

    /// <summary>A client for the REST API, signed in with the bearer token.</summary>
    public HttpClient CreateApiClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Where screenshots go: git-ignored, looked at by people, never committed.</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS")
                ?? Path.Combine(Path.GetTempPath(), "dashboard-screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        _factory = new DashboardAppFactory(DataDirectory);
        BaseAddress = _factory.BaseAddress;

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>
    /// A fresh page (own context) sized like a laptop screen, in light or dark colour scheme,
    /// signed in the way a person does: by opening the login link the app printed.
    /// </summary>
    public async Task<IPage> NewPageAsync(ColorScheme colorScheme = ColorScheme.Light)
    {
        var page = await NewSignedOutPageAsync(colorScheme);
        await SignInAsync(page, Token);
        return page;
    }

    /// <summary>Opens the login link (relative to the page's base URL) and checks the sign-in cookie is set.</summary>
    public static async Task SignInAsync(IPage page, string token)
    {
        var response = await page.GotoAsync($"/login?t={Uri.EscapeDataString(token)}&returnUrl=%2Fhealthz");
        var cookies = await page.Context.CookiesAsync();
        if (response is null || !response.Ok || !cookies.Any(c => c.Name == ".Dashboard.Auth" && c.HttpOnly))
        {
            throw new InvalidOperationException($"Signing in failed: {response?.Status} at {page.Url}");
        }
    }

    /// <summary>
    /// A fresh page in its own context with no sign-in cookie. Playwright evaluates test scripts
    /// given as strings with eval, which the app's Content-Security-Policy forbids, so contexts
    /// bypass the CSP unless <paramref name="enforceCsp"/> (the CSP tests use locators only).
    /// </summary>
    public async Task<IPage> NewSignedOutPageAsync(ColorScheme colorScheme = ColorScheme.Light, bool enforceCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            ColorScheme = colorScheme,
            BypassCSP = !enforceCsp,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a worker process being reaped; the temp folder is cleaned by the OS.
        }
    }
}
