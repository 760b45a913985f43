using System.Globalization;
using Dashboard.Cluster.Client;
using Dashboard.E2E.Tests.Accessibility;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.E2E.Tests.Runs;

/// <summary>
/// A cluster run in real Chromium on the app's own Orleans nodes, started fresh: the status line
/// counts the nodes as they join and the node panel lists each as it joins; once finished the panel
/// is complete and adds up to the run's tasks, Explain's phase sentence states the node start the
/// race draws and the wall the summary shows, and the stored run shows the same panel. Two pages
/// watch it, one light and one dark (screenshots `nodes-*.png` at 1440x900 and 390x844).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NodePanelFlowTests(DashboardAppFixture app)
{
    private const int Tasks = 8;

    [Fact]
    public async Task ClusterRun_NodesJoinLive_PanelCompleteAndAgreesWithExplain_SameFromTheStore()
    {
        // Fresh nodes (no other run left them running), and a run that holds the queue until both pages watch.
        await app.Services.GetRequiredService<ClusterConnection>().StopAsync();
        var queue = app.Services.GetRequiredService<IRunQueue>();
        var holder = queue.Enqueue(new RunPlan(new HelloParameters(5, "Ada", HelloParameters.MaxDelayMs), [StrategyIds.Sequential]), "holds the queue");
        var run = queue.Enqueue(new RunPlan(new HelloParameters(Tasks, "Ada", 200), [StrategyIds.Cluster]), "node panel");
        var light = await OpenAsync(run.Id, dark: false);
        var dark = await OpenAsync(run.Id, dark: true);
        Assert.True(queue.Cancel(holder.Id));

        // While the second node starts (it starts only once the first has joined): the status line
        // counts, and the first node is listed with what its join told.
        var activity = light.Locator("[data-test=run-activity]");
        await activity.Filter(new() { HasText = "1 of 2 joined" }).WaitForAsync(new() { Timeout = 300_000 });
        Assert.Equal("cluster: starting 2 lab nodes… 1 of 2 joined", (await activity.InnerTextAsync()).Trim());
        await light.Locator("[data-test=node-row-node-1]").WaitForAsync();
        Assert.Matches(@"^\d+$", (await light.Locator("[data-test=node-row-node-1] [data-col=pid]").InnerTextAsync()).Trim());
        Assert.StartsWith("in ", (await light.Locator("[data-test=node-row-node-1] [data-col=joined]").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await ShotsAsync("joining", light, dark);

        // Finished: the panel complete, adding up to the run's tasks; the status line gone.
        await light.Locator("[data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 420_000 });
        var summary = queue.Find(run.Id)!;
        var result = Assert.Single(summary.Results);
        Assert.True(result.TasksOk == Tasks, "tasks: " + string.Join(" / ", result.Spans.Where(s => s.Status != TaskStatus.Ok).Select(s => s.Detail).Distinct()));
        await light.Locator("[data-test=node-table]").WaitForAsync();
        var live = await AssertPanelAsync(light);
        Assert.Equal(0, await light.Locator("[data-test=run-activity]").CountAsync());
        await AssertPhaseSentenceAsync(light, result);
        await dark.Locator("[data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(live, await AssertPanelAsync(dark));
        await ShotsAsync("finished", light, dark);

        // Two newer runs release its live events: the panel now comes from the store.
        await FinishedAsync("nodes after 1");
        await FinishedAsync("nodes after 2");
        await light.SetViewportSizeAsync(1440, 900);
        await A11yRuns.OpenAsync(light, LivePages.RunPath(run.Id), dark: false);
        await light.Locator("[data-test=node-table]").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(live, await AssertPanelAsync(light));
        await light.Locator("[data-test=node-panel]").ScreenshotAsync(new() { Path = Shot("nodes-1440-stored-light.png") });
        await light.Context.CloseAsync();
        await dark.Context.CloseAsync();
    }

    private async Task<IPage> OpenAsync(long runId, bool dark)
    {
        var page = await app.NewPageAsync(dark ? ColorScheme.Dark : ColorScheme.Light);
        await page.SetViewportSizeAsync(1440, 900);
        await A11yRuns.OpenAsync(page, LivePages.RunPath(runId), dark);
        await page.Locator("[data-test=node-panel]").WaitForAsync();
        return page;
    }

    /// <summary>Every row is complete and the tasks add up; returns the rows' name, pid and tasks.</summary>
    private static async Task<string> AssertPanelAsync(IPage page)
    {
        var rows = page.Locator("[data-test=node-table] tbody tr");
        var count = await rows.CountAsync();
        Assert.Equal(2, count);
        var total = 0;
        var seen = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var row = rows.Nth(i);
            var tasks = int.Parse((await row.GetAttributeAsync("data-tasks"))!, CultureInfo.InvariantCulture);
            total += tasks;
            var pid = (await row.Locator("[data-col=pid]").InnerTextAsync()).Trim();
            Assert.True(int.TryParse(pid, out _), $"row {i}: pid '{pid}'");
            Assert.StartsWith("127.0.0.1:", await row.Locator("[data-col=address]").InnerTextAsync(), StringComparison.Ordinal);
            Assert.NotEqual("–", (await row.Locator("[data-col=slots]").InnerTextAsync()).Trim());
            Assert.NotEqual("–", (await row.Locator("[data-col=cpu]").InnerTextAsync()).Trim());
            Assert.StartsWith("in ", (await row.Locator("[data-col=joined]").InnerTextAsync()).Trim(), StringComparison.Ordinal);
            seen.Add($"{(await row.Locator("th").InnerTextAsync()).Trim()} {pid} {tasks}");

            // The panel's own styles reach the table: names bold and unwrapped, figures right-aligned.
            Assert.Equal("600", await row.Locator("th").EvaluateAsync<string>("e => getComputedStyle(e).fontWeight"));
            Assert.Equal("nowrap", await row.Locator("th").EvaluateAsync<string>("e => getComputedStyle(e).whiteSpace"));
            Assert.Equal("right", await row.Locator("[data-col=tasks]").EvaluateAsync<string>("e => getComputedStyle(e).textAlign"));
        }

        Assert.Equal(Tasks, total);
        return string.Join(" | ", seen);
    }

    /// <summary>
    /// When node start was most of the wall, Explain's sentence states the start the race drew and the
    /// wall the summary table and the race show; otherwise (a quick start) there is no such line.
    /// </summary>
    private static async Task AssertPhaseSentenceAsync(IPage page, StrategyResult result)
    {
        var canvas = page.Locator("canvas[data-race=cluster]");
        await page.WaitForFunctionAsync("() => document.querySelector('canvas[data-race=cluster]')?.getAttribute('data-startup-state') === 'measured'",
            null, new() { Timeout = 60_000 });
        var drawn = double.Parse((await canvas.GetAttributeAsync("data-startup-seconds"))!, CultureInfo.InvariantCulture);
        var startup = RunShape.FirstStart(result)!.Value;
        Assert.Equal(startup, drawn, 3);
        var wall = (await page.Locator("[data-test=summary-row-cluster] [data-col=median]").InnerTextAsync()).Trim();
        Assert.Equal(wall, (await page.Locator("[data-test=race-time-cluster]").InnerTextAsync()).Trim());
        var line = page.Locator("[data-test=explain-item][data-rule=startup-dominates]");
        if (startup / result.WallSeconds > StartupDominatesFinder.Share)
        {
            Assert.Contains($"{SecondsText.Format(startup)} of {wall} was node start", await line.TextContentAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(0, await line.CountAsync());
        }
    }

    private static async Task ShotsAsync(string moment, IPage light, IPage dark)
    {
        foreach (var (page, theme) in new[] { (light, "light"), (dark, "dark") })
        {
            await page.SetViewportSizeAsync(1440, 900);
            await page.ScreenshotAsync(new() { Path = Shot($"nodes-1440-{moment}-{theme}.png") });
            await page.ScreenshotAsync(new() { Path = Shot($"nodes-1440-{moment}-{theme}-full.png"), FullPage = true });
            await page.SetViewportSizeAsync(390, 844);
            await page.WaitForTimeoutAsync(300); // the timeline module redraws on the resize
            await page.ScreenshotAsync(new() { Path = Shot($"nodes-390-{moment}-{theme}.png") });
            await page.ScreenshotAsync(new() { Path = Shot($"nodes-390-{moment}-{theme}-full.png"), FullPage = true });
            await page.SetViewportSizeAsync(1440, 900);
        }
    }

    private async Task FinishedAsync(string label)
    {
        var run = app.Services.GetRequiredService<IRunQueue>().Enqueue(new RunPlan(new HelloParameters(2, "Ada", 10), [StrategyIds.Sequential]), label);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await foreach (var _ in app.Services.GetRequiredService<IRunFeed>().WatchAsync(run.Id, timeout.Token))
        {
        }
    }

    private static string Shot(string name) => Path.Combine(DashboardAppFixture.ScreenshotDirectory, name);
}
