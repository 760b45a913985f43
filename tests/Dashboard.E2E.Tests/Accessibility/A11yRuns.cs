using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Accessibility;

/// <summary>Runs and page helpers the accessibility tests share.</summary>
internal static class A11yRuns
{
    public const string DarkBackground = "() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)' && getComputedStyle(document.body).backgroundColor !== 'rgb(245, 246, 250)'";

    /// <summary>A short hello run (2 strategies, 4 tasks of 10 ms), finished and stored.</summary>
    public static async Task<long> FinishedRunAsync(IServiceProvider services)
    {
        var queue = services.GetRequiredService<IRunQueue>();
        var run = queue.Enqueue(new RunPlan(new HelloParameters(4, "Ada", 10), [StrategyIds.Sequential, StrategyIds.Threads], Repeat: 1, Warmup: 0), "a11y");
        await WaitUntilStoredAsync(services, run.Id);
        return run.Id;
    }

    /// <summary>A long hello run (sequential, 60 x 1 s) that is running when this returns; cancel it after.</summary>
    public static async Task<long> RunningRunAsync(IServiceProvider services)
    {
        var queue = services.GetRequiredService<IRunQueue>();
        var run = queue.Enqueue(new RunPlan(new HelloParameters(60, "Ada", 1_000), [StrategyIds.Sequential], Repeat: 1, Warmup: 0), "a11y running");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (queue.Find(run.Id)?.State != RunState.Running)
        {
            await Task.Delay(50, timeout.Token);
        }

        return run.Id;
    }

    public static async Task CancelAndWaitAsync(IServiceProvider services, long runId)
    {
        services.GetRequiredService<IRunQueue>().Cancel(runId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await foreach (var _ in services.GetRequiredService<IRunFeed>().WatchAsync(runId, timeout.Token))
        {
        }
    }

    /// <summary>Opens a page of the app and waits until Blazor made it interactive (and dark, when asked).</summary>
    public static async Task OpenAsync(IPage page, string path, bool dark)
    {
        await page.GotoAsync(path);
        if (path.StartsWith("/login", StringComparison.Ordinal))
        {
            return;
        }

        await page.Locator("[data-interactive=true]").First.WaitForAsync();
        if (dark)
        {
            await page.WaitForFunctionAsync(DarkBackground);
        }

        // Let MudBlazor's transitions (theme colours, chips, ripples) end before colours are measured.
        await page.WaitForTimeoutAsync(400);
    }

    private static async Task WaitUntilStoredAsync(IServiceProvider services, long runId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await foreach (var _ in services.GetRequiredService<IRunFeed>().WatchAsync(runId, timeout.Token))
        {
        }

        var store = services.GetRequiredService<IRunStore>();
        while ((await store.GetAsync(runId, timeout.Token))?.Run.State is not RunState.Completed)
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
