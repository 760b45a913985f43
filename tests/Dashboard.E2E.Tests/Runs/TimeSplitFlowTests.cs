using System.Text.Json;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Strategies;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Runs;

/// <summary>
/// "Where the time went" on a finished run page in real Chromium: one bar per measured strategy
/// whose parts add up to the total it states, in a laptop and a phone viewport. Screenshots go to
/// <see cref="DashboardAppFixture.ScreenshotDirectory"/> for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TimeSplitFlowTests(DashboardAppFixture app)
{
    // Each row's figures as the page states them: its total and every part's seconds and share.
    private const string RowsScript = """
        () => [...document.querySelectorAll('[data-test^="time-split-row-"]')].map(row => ({
            strategy: row.getAttribute('data-strategy'),
            total: Number(row.getAttribute('data-total')),
            text: row.querySelector('.split-text').innerText,
            parts: [...row.querySelectorAll('[data-part]')].map(p => ({
                part: p.getAttribute('data-part'),
                seconds: Number(p.getAttribute('data-seconds')),
                percent: Number(p.getAttribute('data-percent')),
            })),
        }))
        """;

    private sealed record Figure(string Part, double Seconds, double Percent);

    private sealed record Row(string Strategy, double Total, string Text, Figure[] Parts);

    [Fact]
    public async Task FinishedQuickHelloRun_EveryStrategysSplit_AddsUpToItsTotal_OnLaptopAndPhone()
    {
        var page = await app.NewPageAsync();
        await QuickHelloRun.StartAsync(page);
        await QuickHelloRun.WatchToTheEndAsync(page);

        var section = page.Locator("[data-test=time-split]");
        await section.WaitForAsync();
        var legend = await section.Locator("[data-test=time-split-legend]").InnerTextAsync();
        foreach (var word in new[] { "CPU", "Ready", "Waiting", "Start-up", "Transfer" })
        {
            Assert.Contains(word, legend, StringComparison.Ordinal);
        }

        var rows = (await page.EvaluateAsync<JsonElement>(RowsScript)).Deserialize<Row[]>(JsonSerializerOptions.Web)!;
        Assert.InRange(rows.Length, 1, StrategyCatalog.DefaultIds.Count);
        Assert.Equal(rows.Length, rows.Select(r => r.Strategy).Distinct().Count());
        Assert.Contains(rows, r => r.Strategy == StrategyIds.Sequential);
        foreach (var row in rows)
        {
            Assert.True(row.Total > 0, $"{row.Strategy}: no total");
            Assert.Equal(row.Total, row.Parts.Sum(p => p.Seconds), 5);
            Assert.Equal(100, row.Parts.Sum(p => p.Percent));
            Assert.Contains(["cpu", "ready", "wait"], part => row.Parts.Any(p => p.Part == part));
            Assert.StartsWith($"Total {SecondsText(row.Total)}:", row.Text.Trim(), StringComparison.Ordinal);
        }

        // Hello waits: every in-process strategy spends most of its task-seconds waiting, not on a core.
        var sequential = rows.Single(r => r.Strategy == StrategyIds.Sequential);
        Assert.True(sequential.Parts.Single(p => p.Part == "wait").Seconds > sequential.Parts.Single(p => p.Part == "cpu").Seconds);

        await section.ScrollIntoViewIfNeededAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await section.ScreenshotAsync(new() { Path = Shot("time-split-1440.png") });
        await page.ScreenshotAsync(new() { Path = Shot("time-split-page-1440.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await section.ScrollIntoViewIfNeededAsync();
        await section.ScreenshotAsync(new() { Path = Shot("time-split-390.png") });

        // On a phone the section fits the screen: no part of it reaches past the right edge.
        var overflow = await section.EvaluateAsync<double>("s => s.scrollWidth - s.clientWidth");
        Assert.True(overflow <= 1, $"the section scrolls sideways by {overflow} px at 390 px");
        await page.Context.CloseAsync();
    }

    private static string Shot(string name) => Path.Combine(DashboardAppFixture.ScreenshotDirectory, name);

    private static string SecondsText(double seconds) => Dashboard.Engine.Statistics.SecondsText.Format(seconds);
}
