using System.Diagnostics;
using System.Globalization;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Explain;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.E2E.Tests.Bench;

/// <summary>
/// A classroom on one run: 1 and then 10 Chromium pages watch a 10,000-task async hello run live.
/// Prints GET / times while the run runs and for 10 s after its end, each page's time from the
/// run's end to showing the finished state (its summary table and explanation), and the server
/// process's CPU seconds in the 10 s after the end (the app runs in this test process; the
/// browsers do not), against the number of pages; and how many run analyses were computed
/// (<see cref="RunAnalysisCache"/>). Figures only: nothing here fails because the machine is slow.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class ClassroomBenchmark(DashboardAppFixture app, ITestOutputHelper output)
{
    private const int Tasks = 10_000;
    private static readonly TimeSpan After = TimeSpan.FromSeconds(10);

    [BenchFact]
    public async Task WatchLive_OneThenTenPagesOnTenThousandTasks_PrintsHomeTimesFinishDelaysAndCpu()
    {
        // CLASSROOM_PAGES="1,1,1" measures other sequences (one page alone, to see its own timeline).
        var sequence = Environment.GetEnvironmentVariable("CLASSROOM_PAGES")?.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            ?? [1, 10, 1, 10];
        foreach (var pages in sequence)
        {
            await MeasureAsync(pages);
        }
    }

    private async Task MeasureAsync(int pageCount)
    {
        var queue = app.Services.GetRequiredService<IRunQueue>();
        var analyses = app.Services.GetRequiredService<RunAnalysisCache>();
        using var client = app.CreateApiClient();

        // A run ahead keeps the measured one queued until every page watches it and notes the end
        // (10 pages on a loaded machine take longer to open than any fixed wait): cancelled then.
        var holder = queue.Enqueue(new RunPlan(new HelloParameters(Tasks: 1, DelayMs: HelloParameters.MaxDelayMs), [StrategyIds.Sequential]));
        var run = queue.Enqueue(new RunPlan(new HelloParameters(Tasks: Tasks, DelayMs: 1_000), [StrategyIds.Async]));
        var pages = new List<Microsoft.Playwright.IPage>();
        for (var i = 0; i < pageCount; i++)
        {
            var page = await app.NewPageAsync();
            await page.GotoAsync(LivePages.RunPath(run.Id));
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 120_000 });
            pages.Add(page);
        }

        // CLASSROOM_THROTTLE=5 slows each page's CPU as a tenth of two cores would (Chromium's DevTools
        // protocol); CLASSROOM_TRACE=dir writes a Chromium trace of the first page around the end.
        if (Environment.GetEnvironmentVariable("CLASSROOM_THROTTLE") is { Length: > 0 } rate)
        {
            foreach (var page in pages)
            {
                var throttle = await page.Context.NewCDPSessionAsync(page);
                await throttle.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = double.Parse(rate, CultureInfo.InvariantCulture) });
            }
        }

        var traceDir = Environment.GetEnvironmentVariable("CLASSROOM_TRACE");
        Microsoft.Playwright.ICDPSession? cdp = null;
        System.Text.Json.JsonElement? metricsBefore = null;
        if (traceDir is { Length: > 0 })
        {
            cdp = await pages[0].Context.NewCDPSessionAsync(pages[0]);
            await cdp.SendAsync("Performance.enable");
            await cdp.SendAsync("Profiler.enable");
            await cdp.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 500 });
            await cdp.SendAsync("Profiler.start");
            metricsBefore = await cdp.SendAsync("Performance.getMetrics");
        }

        var computedBefore = analyses.Computations;
        using var steps = new ServerEndSteps();

        // Each page notes, by its own clock (this machine's), when it showed each part of the end:
        // no polling from here, which on a loaded machine would add its own delay.
        foreach (var page in pages)
        {
            await page.EvaluateAsync(MarkTheEnd);
        }

        queue.Cancel(holder.Id);
        var marks = new PageMarks[pageCount];
        var finishedShown = pages.Select(async (page, i) =>
        {
            await page.WaitForFunctionAsync("() => window.__end.results !== null && window.__end.charts !== null", null, new() { Timeout = 300_000, PollingInterval = 200 });
            marks[i] = System.Text.Json.JsonSerializer.Deserialize<PageMarks>(
                await page.EvaluateAsync<string>("() => JSON.stringify(window.__end)"), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        }).ToArray();

        // The end is watched apart from the GET loop, whose own requests may be slow right then.
        var cpuAtEnd = TimeSpan.Zero;
        var ended = Task.Run(async () =>
        {
            while (!queue.Find(run.Id)!.IsFinished)
            {
                await Task.Delay(10);
            }

            cpuAtEnd = Process.GetCurrentProcess().TotalProcessorTime;
            return Stopwatch.StartNew();
        });

        var during = new List<double>();
        var after = new List<double>();
        while (!ended.IsCompleted || (await ended).Elapsed < After)
        {
            var wasFinished = ended.IsCompleted;
            var watch = Stopwatch.StartNew();
            using (var response = await client.GetAsync(new Uri("/", UriKind.Relative)))
            {
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            }

            (wasFinished ? after : during).Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(100);
        }

        var cpuAfter = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtEnd).TotalSeconds;
        await Task.WhenAll(finishedShown);
        var endedAt = queue.Find(run.Id)!.EndedAt!.Value.ToUnixTimeMilliseconds();
        if (cdp is not null)
        {
            var metricsAfter = await cdp.SendAsync("Performance.getMetrics");
            var profile = await cdp.SendAsync("Profiler.stop");
            var path = Path.Combine(traceDir!, string.Create(CultureInfo.InvariantCulture, $"classroom-{pageCount}-{endedAt}"));
            await File.WriteAllTextAsync(path + ".cpuprofile", profile!.Value.GetProperty("profile").GetRawText());
            await File.WriteAllTextAsync(path + ".metrics.json", $"{{\"before\":{metricsBefore!.Value.GetRawText()},\"after\":{metricsAfter!.Value.GetRawText()},\"endedAt\":{endedAt}}}");
            Print($"  profile of the first page: {path}.cpuprofile");
        }

        var delays = marks.Select(m => m.Results - endedAt).Order().ToList();
        if (Environment.GetEnvironmentVariable("CLASSROOM_SCREENSHOTS") is { Length: > 0 } label)
        {
            await ScreenshotsAsync(pages[0], run.Id, $"{label}-{pageCount}");
        }

        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }

        Print(string.Create(CultureInfo.InvariantCulture,
            $"{pageCount} page(s), hello {Tasks:N0} x 1 s async: GET / during the run {Stats(during)}; in the {After.TotalSeconds:0} s after its end {Stats(after)}"));
        Print(string.Create(CultureInfo.InvariantCulture,
            $"  end to finished state per page: min {delays[0]:0} ms, median {delays[delays.Count / 2]:0} ms, max {delays[^1]:0} ms; " +
            $"server CPU in the {After.TotalSeconds:0} s after the end {cpuAfter:0.00} s; run analyses computed {analyses.Computations - computedBefore}"));
        foreach (var line in steps.Describe(run.Id, endedAt, After))
        {
            Print(line);
        }

        foreach (var m in marks.OrderBy(m => m.Results))
        {
            Print(string.Create(CultureInfo.InvariantCulture,
                $"    page: state shown +{m.State - endedAt:0} ms (painted +{m.StatePainted - endedAt:0}), timelines done +{m.Timelines - endedAt:0} ms, results and Explain +{m.Results - endedAt:0} ms, charts +{m.Charts - endedAt:0} ms; " +
                $"long tasks after the end {m.LongTasks} ({m.LongTaskMs:0} ms, longest {m.LongestMs:0} ms); " +
                $"timeline batches {m.Batches} ({m.Events} events), longest ingest {m.MaxIngestMs:0} ms, longest draw {m.MaxDrawMs:0} ms; " +
                $"frames drawn {m.Draws} ({m.DrawMs:0} ms of draw calls), repeats skipped {m.Skipped}"));
        }
    }

    /// <summary>
    /// CLASSROOM_SCREENSHOTS=label: the finished run as a watching page shows it (light) and as a page
    /// opened afterwards shows it from the store (dark), each at 1440x900 and 390x844, to look at.
    /// </summary>
    private async Task ScreenshotsAsync(Microsoft.Playwright.IPage live, long runId, string label)
    {
        var dark = await app.NewPageAsync(Microsoft.Playwright.ColorScheme.Dark);
        await dark.GotoAsync(LivePages.RunPath(runId));
        await dark.Locator("[data-test=charts]").WaitForAsync(new() { Timeout = 120_000 });
        await dark.Locator("canvas[data-strategy][data-state=done]").First.WaitForAsync(new() { Timeout = 120_000 });
        foreach (var (page, scheme) in new[] { (live, "light"), (dark, "dark") })
        {
            foreach (var (width, height) in new[] { (1440, 900), (390, 844) })
            {
                await page.SetViewportSizeAsync(width, height);
                // The timelines redraw for the new width on their next frame (a resize observer).
                await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
                var path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, $"classroom-{label}-{scheme}-{width}.png");
                await page.ScreenshotAsync(new() { Path = path, FullPage = true });
                Print($"  screenshot: {path}");
            }
        }

        await dark.Context.CloseAsync();
    }

    /// <summary>
    /// Notes in window.__end (Date.now()) when the page first shows the finished state in its header,
    /// every timeline done, the results with Explain, and the charts; and the long tasks (over 50 ms) from now on.
    /// </summary>
    private const string MarkTheEnd = """
        () => {
            window.__timelineMetrics = { batches: 0, events: 0, latencies: [], maxIngestMs: 0, maxDrawMs: 0, draws: 0, skipped: 0, drawMs: 0 };
            const end = window.__end = { state: null, statePainted: null, timelines: null, results: null, charts: null, longTasks: 0, longTaskMs: 0, longestMs: 0, batches: 0, events: 0, maxIngestMs: 0, maxDrawMs: 0, draws: 0, skipped: 0, drawMs: 0 };
            const check = () => {
                const now = Date.now();
                if (end.state === null && document.querySelector('[data-test=live-run][data-state=completed]')) {
                    end.state = now;
                    requestAnimationFrame(() => end.statePainted = Date.now());
                }
                const canvases = [...document.querySelectorAll('canvas[data-strategy]')];
                if (end.timelines === null && canvases.length > 0 && canvases.every(c => c.getAttribute('data-state') === 'done')) end.timelines = now;
                if (end.results === null && document.querySelector('[data-test=summary-table]') && document.querySelector('[data-test=explain]')) {
                    end.results = now;
                    const m = window.__timelineMetrics;
                    Object.assign(end, { batches: m.batches, events: m.events, maxIngestMs: m.maxIngestMs, maxDrawMs: m.maxDrawMs, draws: m.draws, skipped: m.skipped, drawMs: m.drawMs });
                }
                if (end.charts === null && document.querySelector('[data-test=charts]')) end.charts = now;
            };
            new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
            new PerformanceObserver(list => {
                for (const e of list.getEntries()) {
                    end.longTasks++;
                    end.longTaskMs += e.duration;
                    end.longestMs = Math.max(end.longestMs, e.duration);
                }
            }).observe({ type: 'longtask' });
            check();
        }
        """;

    private sealed record PageMarks(double? State, double? StatePainted, double? Timelines, double Results, double? Charts, int LongTasks, double LongTaskMs, double LongestMs,
        int Batches, int Events, double MaxIngestMs, double MaxDrawMs, int Draws, int Skipped, double DrawMs);

    private static string Stats(List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return "no samples";
        }

        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"n={sorted.Length} median {At(0.5):0} ms p95 {At(0.95):0} ms max {sorted[^1]:0} ms");
    }

    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
