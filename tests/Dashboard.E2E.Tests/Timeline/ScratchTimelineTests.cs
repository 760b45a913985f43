using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Timeline;

// TEMPORARY, deleted with the scratch page.
[Collection(BrowserCollection.Name)]
public sealed class ScratchTimelineTests(DashboardAppFixture app)
{
    [Fact]
    public async Task Scratch_RunningHello_BarsGrow()
    {
        var queue = app.Services.GetRequiredService<IRunQueue>();
        var run = queue.Enqueue(new RunPlan(new HelloParameters(Tasks: 10, DelayMs: 300), StrategyIds.All));
        var page = await app.NewPageAsync();
        page.Console += (_, m) => Console.WriteLine($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => Console.WriteLine($"pageerror: {e}");
        await page.GotoAsync($"/scratch/timeline/{run.Id}");

        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.WaitForFunctionAsync("Number(document.querySelector('[data-test=timeline-sequential]')?.getAttribute('data-bars') ?? 0) >= 1");
        var n1 = int.Parse((await page.Locator("[data-test=timeline-sequential]").GetAttributeAsync("data-bars"))!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "scratch-mid.png"), FullPage = true });
        await page.WaitForFunctionAsync($"Number(document.querySelector('[data-test=timeline-sequential]').getAttribute('data-bars')) > {n1}");
        Assert.Equal(RunState.Running, queue.Find(run.Id)!.State);
        await page.WaitForFunctionAsync("Number(document.querySelector('[data-test=timeline-async-processes]')?.getAttribute('data-bars') ?? 0) == 10 && document.querySelector('[data-test=timeline-async-processes]').getAttribute('data-state') == 'done'", null, new() { Timeout = 120_000 });
        await page.Locator("[data-test=same-scale]").ClickAsync();
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "scratch-done.png"), FullPage = true });
    }
}
