using System.Text.Json;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Routes;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.E2E.Tests.Runs;

/// <summary>
/// A run's end as the pages see it: watchers hear it before the store has saved it, so a page
/// opened right after the end, and the export a watching page links to, must still get the run as
/// it ended (they wait for the save), and the stored run reloads the same.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RunEndFlowTests(DashboardAppFixture app)
{
    [Fact]
    public async Task PageOpenedJustAfterTheEnd_ShowsTheFinishedRunAndItsExportAndReloadAgree()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var queue = app.Services.GetRequiredService<IRunQueue>();
        var watching = await app.NewPageAsync();
        var run = queue.Enqueue(new RunPlan(new HelloParameters(Tasks: 40, DelayMs: 20), [StrategyIds.Sequential, StrategyIds.Async]));
        await watching.GotoAsync(LivePages.RunPath(run.Id));
        await watching.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 120_000 });

        // The moment the queue says it ended (the store may still be saving it), open a second page and ask for the export.
        while (queue.Find(run.Id) is not { IsFinished: true })
        {
            await Task.Delay(5, timeout.Token);
        }

        var opened = await app.NewPageAsync();
        using var client = app.CreateApiClient();
        var export = client.GetStringAsync(new Uri(AppRoutes.Export(run.Id, "json"), UriKind.Relative), timeout.Token);
        await opened.GotoAsync(LivePages.RunPath(run.Id));

        foreach (var page in new[] { watching, opened })
        {
            await page.Locator("[data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 120_000 });
            await page.Locator("[data-test=summary-table]").WaitForAsync(new() { Timeout = 120_000 });
            await page.Locator("[data-test=explain]").WaitForAsync(new() { Timeout = 120_000 });
            await page.Locator("[data-test=charts]").WaitForAsync(new() { Timeout = 120_000 });
        }

        // Both pages show the same figures: the one watching from memory, the other from the store.
        var watchedRows = await watching.Locator("[data-test=summary-table] [data-col=median]").AllInnerTextsAsync();
        var openedRows = await opened.Locator("[data-test=summary-table] [data-col=median]").AllInnerTextsAsync();
        Assert.Equal(2, watchedRows.Count);
        Assert.Equal(watchedRows, openedRows);

        using var document = JsonDocument.Parse(await export);
        var exported = document.RootElement.GetProperty("run");
        Assert.Equal("completed", exported.GetProperty("state").GetString());
        Assert.Equal(2, exported.GetProperty("results").GetArrayLength());
        // Read from the store after its save (a copy from memory would have no environment).
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("environment").ValueKind);

        // A reload reads the stored run: the same state and figures.
        await opened.ReloadAsync();
        await opened.Locator("[data-interactive=true][data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 120_000 });
        await opened.Locator("[data-test=summary-table]").WaitForAsync(new() { Timeout = 120_000 });
        Assert.Equal(watchedRows, await opened.Locator("[data-test=summary-table] [data-col=median]").AllInnerTextsAsync());

        await watching.Context.CloseAsync();
        await opened.Context.CloseAsync();
    }
}
