using System.Diagnostics;
using Dashboard.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Security;

/// <summary>
/// Production by default, and the pages work there: the app started with the README's command
/// (`dotnet run --project src/Dashboard.Web -c Release`) and a build published as the Dockerfile
/// publishes it, each signed into, run and watched live in Chromium under the real
/// Content-Security-Policy. Each starts a real process on a free loopback port.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProductionModeTests(DashboardAppFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dashboard-production-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task DotnetRun_TheReadmesCommand_IsProduction_PagesSignInRunAndShowTheLiveRun()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var root = AppProcess.RepositoryRoot;

        // The README's command; --no-build because the suite built it already (the same Release output).
        await using var app = await AppProcess.StartAsync(root,
            ["run", "--project", "src/Dashboard.Web", "-c", "Release", "--no-build", "--", "--urls", "http://127.0.0.1:0"],
            Settings(), timeout.Token);

        Assert.Contains("Hosting environment: Production", app.Output, StringComparison.Ordinal);
        Assert.Contains("Using launch settings from", app.Output, StringComparison.Ordinal);
        await SignInRunAndWatchAsync(app, "production-dotnet-run");
    }

    [Fact]
    public async Task PublishedAsTheDockerfileDoes_IsProduction_PagesSignInRunAndShowTheLiveRun()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var root = AppProcess.RepositoryRoot;
        var published = Path.Combine(_folder, "app");

        // The Dockerfile's publish (its restore step already happened for this build) and its checks.
        await RunAsync(root, timeout.Token, "publish", "src/Dashboard.Web", "-c", "Release", "-o", published, "--no-restore");
        Assert.True(File.Exists(Path.Combine(published, "Dashboard.Worker.dll")));
        Assert.True(File.Exists(Path.Combine(published, "Dashboard.Node.dll")));
        Assert.True(File.Exists(Path.Combine(published, "twins", "runner.py")));
        Assert.True(File.Exists(Path.Combine(published, "worker-native", "Dashboard.Worker")));

        // The image's entry point and environment (ASPNETCORE_ENVIRONMENT=Production, the data folder).
        var environment = Settings();
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        await using var app = await AppProcess.StartAsync(published,
            ["Dashboard.Web.dll", "--urls", "http://127.0.0.1:0"], environment, timeout.Token);

        Assert.Contains("Hosting environment: Production", app.Output, StringComparison.Ordinal);
        await SignInRunAndWatchAsync(app, "production-published");
    }

    private Dictionary<string, string> Settings() => new(StringComparer.Ordinal)
    {
        ["Dashboard__DataDirectory"] = Path.Combine(_folder, "data"),
        ["Auth__Token"] = "production-" + Guid.NewGuid().ToString("N"),
    };

    private async Task SignInRunAndWatchAsync(AppProcess app, string name)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var violations = QuickHelloRun.CollectCspViolations(page);

        // The framework's script is served in full (from the build output it answered 200 with 0 bytes).
        var script = await page.APIRequest.GetAsync("/_framework/blazor.web.js");
        Assert.Equal(200, script.Status);
        Assert.True((await script.BodyAsync()).Length > 10_000, "blazor.web.js is (nearly) empty");
        Assert.Contains("javascript", script.Headers["content-type"], StringComparison.Ordinal);

        await page.GotoAsync(app.LoginLink.PathAndQuery);
        await QuickHelloRun.StartAsync(page);

        await QuickHelloRun.WatchToTheEndAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await context.CloseAsync();
    }

    private static async Task RunAsync(string workingDirectory, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await error}");
    }
}
