using System.Globalization;
using Dashboard.E2E.Tests.Accessibility;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Runs;

/// <summary>
/// The root README's picture (<c>wwwroot-assets/readme/live-run.png</c>): a finished genre Quick
/// run's live page at 1440x900 in the light theme. The test always checks that the page shows the
/// finished race; with <see cref="UpdateVariable"/>=1 it writes the picture into the repository,
/// otherwise into <see cref="DashboardAppFixture.ScreenshotDirectory"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadmeScreenshotTests(DashboardAppFixture app)
{
    /// <summary>Set to 1 to overwrite the README's picture.</summary>
    public const string UpdateVariable = "UPDATE_README_SCREENSHOT";

    private const string ReadmePicture = "wwwroot-assets/readme/live-run.png";

    [Fact]
    public async Task GenreQuickRun_Finished_LivePageShowsEveryStrategysFinish_PictureTaken()
    {
        var queue = app.Services.GetRequiredService<IRunQueue>();
        var strategies = StrategyCatalog.DefaultIds.ToList();
        var run = queue.Enqueue(new RunPlan(WorkloadPresets.Get("genre", WorkloadPresets.Quick), strategies), "genre quick");
        var page = await app.NewPageAsync(ColorScheme.Light);
        await page.SetViewportSizeAsync(1440, 900);
        await A11yRuns.OpenAsync(page, LivePages.RunPath(run.Id), dark: false);

        await page.Locator("[data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 240_000 });
        await page.Locator("[data-test=summary-table]").WaitForAsync();
        foreach (var strategy in strategies)
        {
            await page.WaitForFunctionAsync(
                "s => document.querySelector(`canvas[data-race=${s}]`)?.getAttribute('data-state') === 'done'", strategy);
            var finish = double.Parse((await page.Locator($"canvas[data-race={strategy}]").GetAttributeAsync("data-finish"))!, CultureInfo.InvariantCulture);
            Assert.True(finish > 0, $"{strategy}: a finish line");
        }

        Assert.Equal(strategies.Count, await page.Locator("[data-test=summary-table] [data-test^=summary-row-]").CountAsync());
        var final = queue.Find(run.Id)!;
        Assert.Equal(RunState.Completed, final.State);
        Assert.All(final.Results, r => Assert.Equal(0, r.TasksFailed));

        // Let MudBlazor's transitions and the timeline's last redraw settle before the picture.
        await page.WaitForTimeoutAsync(600);
        var path = Environment.GetEnvironmentVariable(UpdateVariable) == "1"
            ? Path.Combine(RepositoryRoot(), ReadmePicture)
            : Path.Combine(DashboardAppFixture.ScreenshotDirectory, "readme-live-run.png");
        await page.ScreenshotAsync(new() { Path = path });
        Assert.True(new FileInfo(path).Length > 20_000, $"{path}: a picture of the page, not an empty one");
        await page.Context.CloseAsync();
    }

    /// <summary>The checkout this test was built from: the first folder up that holds the solution's wwwroot-assets.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "wwwroot-assets", "readme")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"{UpdateVariable}=1: no wwwroot-assets/readme above {AppContext.BaseDirectory}.");
    }
}
