using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Runs;

/// <summary>
/// The Run page's outputs choice in real Chromium: Memory puts a genre run's files in a tmpfs
/// folder, the stored environment says tmpfs, and deleting the run removes the folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OutputChoiceFlowTests(DashboardAppFixture app)
{
    [Fact]
    public async Task ChooseMemory_GenreRun_FilesOnTmpfs_FolderGoesWithTheRun()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("[data-test=workload-genre]").ClickAsync();
        Assert.Equal("true", await page.Locator("[data-test=output-disk]").GetAttributeAsync("data-selected"));
        await page.Locator("[data-test=strategies-none]").ClickAsync();
        await page.Locator("[data-test=strategy-async][data-checked=false]").WaitForAsync();
        await page.Locator("[data-test=strategy-async] input").ClickAsync();
        await page.Locator("[data-test=strategy-async][data-checked=true]").WaitForAsync();
        await page.Locator("[data-test=output-memory]").ClickAsync();
        await page.WaitForFunctionAsync("document.querySelector('[data-test=output-memory]')?.getAttribute('data-selected') === 'true'");
        await page.Locator("[data-test=output]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "output-memory-run-page.png"), FullPage = true });

        await page.Locator("[data-test=run-button]").ClickAsync();
        await page.WaitForFunctionAsync("() => /^\\/runs\\/\\d+$/.test(location.pathname)");
        var id = long.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync(
            "document.querySelector('[data-test=live-run]')?.getAttribute('data-state') === 'completed'", null, new() { Timeout = 120_000 });
        await page.Context.CloseAsync();

        using var client = app.CreateApiClient();
        var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        var outputs = run.GetProperty("environment").GetProperty("outputs");
        Assert.Equal("memory", outputs.GetProperty("location").GetString());
        Assert.Equal("tmpfs", outputs.GetProperty("fileSystem").GetString());
        Assert.False(outputs.TryGetProperty("directory", out _), "the API names the server's folder");
        var folder = app.Services.GetRequiredService<RunOutputLocations>().DirectoryFor(id, LabOutput.Memory);
        Assert.StartsWith("/dev/shm/", folder, StringComparison.Ordinal);
        // One file per genre call of the Run page's default (genre's tutorial preset): each strategy rewrites the same names.
        var calls = ((GenreParameters)WorkloadPresets.Get(GenreParameters.WorkloadId, WorkloadPresets.Tutorial)).Tasks;
        Assert.Equal(calls, Directory.GetFiles(folder, "new_file*.txt").Length);

        using var deleted = await client.DeleteAsync($"/api/runs/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(Directory.Exists(folder));

        // The app's own memory folder (concurrency-dashboard-{hash}-{random}/runs) is empty now; leave /dev/shm as found.
        var appFolder = Path.GetDirectoryName(Path.GetDirectoryName(folder))!;
        if (Directory.EnumerateFileSystemEntries(appFolder, "*", SearchOption.AllDirectories).All(Directory.Exists))
        {
            Directory.Delete(appFolder, recursive: true);
        }
    }
}
