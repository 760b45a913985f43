using Dashboard.E2E.Tests.Accessibility;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Runs;

/// <summary>
/// A cluster run in real Chromium with the lab's own Orleans nodes: the node panel lists every node
/// that ran tasks with its pid, address, slots, join and CPU, the tasks adding up to the run's, the
/// race draws the node start before the first task, and the stored run shows the same panel.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NodePanelFlowTests(DashboardAppFixture app)
{
    private const int Tasks = 8;

    [Fact]
    public async Task ClusterRun_NodePanelLiveAndFromTheStore()
    {
        var plan = new RunPlan(new HelloParameters(Tasks, "Ada", 200), [StrategyIds.Cluster]);
        var run = app.Services.GetRequiredService<IRunQueue>().Enqueue(plan, "node panel");
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await A11yRuns.OpenAsync(page, LivePages.RunPath(run.Id), dark: false);
        await page.Locator("[data-test=node-panel]").WaitForAsync();

        // Nodes start (or are reached) and join before the first task: slow under load, so generous.
        await page.Locator("[data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 420_000 });
        await page.Locator("[data-test=node-table]").WaitForAsync(new() { Timeout = 60_000 });
        var live = await AssertPanelAsync(page);
        await page.ScreenshotAsync(Shot("nodes-1440-finished-light.png"));
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(300);
        await page.Locator("[data-test=node-panel]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(Shot("nodes-390-finished-light.png"));

        // Two newer runs release its live events: the panel now comes from the store.
        await FinishedAsync("nodes after 1");
        await FinishedAsync("nodes after 2");
        await page.SetViewportSizeAsync(1440, 900);
        await A11yRuns.OpenAsync(page, LivePages.RunPath(run.Id), dark: true);
        await page.Locator("[data-test=node-table]").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(live, await AssertPanelAsync(page));
        await page.ScreenshotAsync(Shot("nodes-1440-stored-dark.png"));
        await page.Context.CloseAsync();
    }

    /// <summary>Every row is complete and the tasks add up; returns the rows' name, pid and tasks.</summary>
    private static async Task<string> AssertPanelAsync(IPage page)
    {
        var rows = page.Locator("[data-test=node-table] tbody tr");
        var count = await rows.CountAsync();
        Assert.InRange(count, 1, 16);
        var total = 0;
        var seen = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var row = rows.Nth(i);
            var tasks = int.Parse((await row.GetAttributeAsync("data-tasks"))!, System.Globalization.CultureInfo.InvariantCulture);
            total += tasks;
            var pid = (await row.Locator("[data-col=pid]").InnerTextAsync()).Trim();
            Assert.True(int.TryParse(pid, out _), $"row {i}: pid '{pid}'");
            Assert.Contains(":", await row.Locator("[data-col=address]").InnerTextAsync(), StringComparison.Ordinal);
            Assert.NotEqual("–", (await row.Locator("[data-col=slots]").InnerTextAsync()).Trim());
            Assert.NotEqual("–", (await row.Locator("[data-col=cpu]").InnerTextAsync()).Trim());
            var joined = (await row.Locator("[data-col=joined]").InnerTextAsync()).Trim();
            Assert.True(joined.StartsWith("in ", StringComparison.Ordinal) || joined == "already running", $"row {i}: joined '{joined}'");
            seen.Add($"{(await row.Locator("th").InnerTextAsync()).Trim()} {pid} {tasks}");
        }

        Assert.Equal(Tasks, total);
        return string.Join(" | ", seen);
    }

    private async Task FinishedAsync(string label)
    {
        var run = app.Services.GetRequiredService<IRunQueue>().Enqueue(new RunPlan(new HelloParameters(2, "Ada", 10), [StrategyIds.Sequential]), label);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await foreach (var _ in app.Services.GetRequiredService<IRunFeed>().WatchAsync(run.Id, timeout.Token))
        {
        }
    }

    private static PageScreenshotOptions Shot(string name) => new()
    {
        Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, name),
    };
}
