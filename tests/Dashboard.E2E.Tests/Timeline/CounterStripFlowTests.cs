using System.Globalization;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Timeline;

/// <summary>The counter strips under the timelines, drawn in real Chromium while a run goes and after.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CounterStripFlowTests(DashboardAppFixture app)
{
    private static readonly string[] Strategies = [StrategyIds.Sequential, StrategyIds.Threads, StrategyIds.Async];

    [Fact]
    public async Task LiveRun_EveryStrategy_GetsAStripWithSamplesAndLines()
    {
        var queue = app.Services.GetRequiredService<IRunQueue>();
        var run = queue.Enqueue(new RunPlan(new HelloParameters(12, "Ada", 300), Strategies), "counters");
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/runs/{run.Id}");
        await page.Locator("[data-interactive=true][data-test=live-run]").WaitForAsync();

        // Live: the first strategy's strip fills while it runs.
        await page.WaitForFunctionAsync(
            "() => Number(document.querySelector('[data-test=counters-sequential]')?.getAttribute('data-samples') || 0) > 0",
            null, new() { Timeout = 120_000 });

        await page.Locator("[data-test=live-run][data-state=completed]").WaitForAsync(new() { Timeout = 240_000 });
        foreach (var strategy in Strategies)
        {
            var strip = page.Locator($"[data-test=counters-{strategy}]");
            var samples = int.Parse((await strip.GetAttributeAsync("data-samples"))!, CultureInfo.InvariantCulture);
            // Sequential runs 3.6 s, so dozens of 50 ms samples; threads and async end in about 0.3 s,
            // where a loaded machine may let the sampler thread in only for its last sample.
            Assert.True(samples >= (strategy == StrategyIds.Sequential ? 5 : 1), $"{strategy}: {samples} samples");
            // User, system, threads and queue of one process, plus memory per task when the app had tasks in flight at a sample.
            var lines = await strip.Locator("polyline").CountAsync();
            var memory = await strip.Locator("polyline.cs-memory").CountAsync();
            Assert.Equal(4 + memory, lines);
            Assert.InRange(memory, 0, 1);
            Assert.Contains("CPU user", await strip.InnerTextAsync(), StringComparison.Ordinal);
        }

        // Threads ran 12 tasks on 12 threads at once: its peak OS thread count is well above
        // sequential's. Not the full 12: a 50 ms sampler on a loaded machine may miss the moment all
        // 12 are alive, and the pool's own threads come and go (seen: 37 against 28, and 37 against 32
        // in a CI run on busy cores): above sequential's peak is what the strip must show.
        var threadsText = await page.Locator("[data-test=counters-threads] span.cs-threads").InnerTextAsync();
        var sequentialText = await page.Locator("[data-test=counters-sequential] span.cs-threads").InnerTextAsync();
        Assert.True(Peak(threadsText) > Peak(sequentialText), $"threads: '{threadsText}', sequential: '{sequentialText}'");

        // Each strip sits under its strategy's timeline, inside the timelines' region.
        Assert.Equal(Strategies.Length, await page.Locator("[data-test=timeline-slot] .tl-strategy .counter-strip").CountAsync());
        await page.Locator("[data-test=timeline-slot]").ScreenshotAsync(new()
        {
            Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "counter-strips.png"),
        });
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "counter-strips-page.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    private static int Peak(string text) => int.Parse(text.Split('≤')[1].Trim(), CultureInfo.InvariantCulture);
}
