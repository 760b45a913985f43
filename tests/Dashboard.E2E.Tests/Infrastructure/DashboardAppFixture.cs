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

    /// <summary>A fresh page (own context) sized like a laptop screen, in light or dark colour scheme.</summary>
    public async Task<IPage> NewPageAsync(ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            ColorScheme = colorScheme,
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
