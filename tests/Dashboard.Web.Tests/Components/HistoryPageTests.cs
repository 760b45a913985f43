using System.Diagnostics;
using System.Globalization;
using Bunit;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit.Abstractions;
using StoredRuns = Dashboard.Web.Tests.Storage.TestRuns;

namespace Dashboard.Web.Tests.Components;

/// <summary>The History page over a real SQLite store (temp folder) and the queue's live runs.</summary>
public sealed class HistoryPageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task Render_StoredAndQueuedRuns_NewestFirstWithTheLiveRunOnTop()
    {
        await StoreAsync(StoredRuns.Finished(1), StoredRuns.Finished(2, state: RunState.Failed), StoredRuns.Finished(3));
        _ctx.Queue.Add(TestRuns.Summary(4, TestRuns.Plan(new HelloParameters(3), StrategyIds.Async), RunState.Running));

        var cut = _ctx.Render<HistoryPage>();

        cut.WaitForAssertion(() => Assert.Equal([4L, 3, 2, 1], RowIds(cut)), Wait);
        Assert.Equal("running", cut.Find("[data-test=history-row-4]").GetAttribute("data-state"));
        Assert.Equal("failed", cut.Find("[data-test=history-row-2]").GetAttribute("data-state"));
        Assert.Equal("/runs/3", cut.Find("[data-test=open-3]").GetAttribute("href"));
        Assert.Equal("4", cut.Find("[data-test=history]").GetAttribute("data-total"));
    }

    [Fact]
    public async Task FilterState_Failed_ShowsOnlyFailedRuns()
    {
        await StoreAsync(StoredRuns.Finished(1), StoredRuns.Finished(2, state: RunState.Failed), StoredRuns.Finished(3, state: RunState.Failed));
        var cut = _ctx.Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, RowIds(cut).Count), Wait);

        var select = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "State");
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("failed"));

        cut.WaitForAssertion(() => Assert.Equal([3L, 2], RowIds(cut)), Wait);
        Assert.Contains("2 runs", cut.Find("[data-test=history-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilterWorkload_NoMatchingRun_SaysNoRunMatches()
    {
        await StoreAsync(StoredRuns.Finished(1), StoredRuns.Finished(2));
        var cut = _ctx.Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, RowIds(cut).Count), Wait);

        var select = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Workload");
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(PowerParameters.WorkloadId));
        cut.WaitForAssertion(() => Assert.Contains("No run matches", cut.Find("[data-test=history-empty]").TextContent, StringComparison.Ordinal), Wait);

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(HelloParameters.WorkloadId));
        cut.WaitForAssertion(() => Assert.Equal([2L, 1], RowIds(cut)), Wait);
    }

    [Fact]
    public async Task Pager_SecondPage_ShowsTheOlderRuns()
    {
        var plan = StoredRuns.HelloPlan(tasks: 2, repeat: 1, StrategyIds.Async);
        for (var id = 1; id <= HistoryPage.PageSize + 5; id++)
        {
            await _ctx.Store.SaveAsync(StoredRuns.Finished(id, plan), null, imported: false, CancellationToken.None);
        }

        var cut = _ctx.Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Equal(HistoryPage.PageSize, RowIds(cut).Count), Wait);
        Assert.Equal(30L, RowIds(cut)[0]);

        var pager = cut.FindComponent<MudPagination>();
        await cut.InvokeAsync(() => pager.Instance.SelectedChanged.InvokeAsync(2));

        cut.WaitForAssertion(() => Assert.Equal([5L, 4, 3, 2, 1], RowIds(cut)), Wait);
    }

    [Fact]
    public async Task LabelEdit_SaveNewText_ShowsItAndPersistsItInTheStore()
    {
        await StoreAsync(StoredRuns.Finished(1), StoredRuns.Finished(2, label: "old name"));
        var cut = _ctx.Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Equal("old name", cut.Find("[data-test=label-2]").TextContent), Wait);

        cut.Find("button[data-test=label-edit-2]").Click();
        cut.Find("[data-test=label-input-2] input").Input("  laptop, on battery  ");
        cut.Find("button[data-test=label-save-2]").Click();

        cut.WaitForAssertion(() => Assert.Equal("laptop, on battery", cut.Find("[data-test=label-2]").TextContent), Wait);
        Assert.Empty(cut.FindAll("[data-test=label-input-2]"));
        var stored = await _ctx.Store.GetAsync(2, CancellationToken.None);
        Assert.Equal("laptop, on battery", stored!.Run.Label);
        Assert.Null((await _ctx.Store.GetAsync(1, CancellationToken.None))!.Run.Label);
    }

    [Fact]
    public async Task LabelEdit_BlankText_ClearsTheLabel()
    {
        await StoreAsync(StoredRuns.Finished(5, label: "temporary"));
        var cut = _ctx.Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Equal("temporary", cut.Find("[data-test=label-5]").TextContent), Wait);

        cut.Find("button[data-test=label-edit-5]").Click();
        cut.Find("[data-test=label-input-5] input").Input("   ");
        cut.Find("button[data-test=label-save-5]").Click();

        cut.WaitForAssertion(() => Assert.Equal("—", cut.Find("[data-test=label-5]").TextContent), Wait);
        Assert.Null((await _ctx.Store.GetAsync(5, CancellationToken.None))!.Run.Label);
    }

    [Fact]
    public async Task Delete_Confirmed_RemovesTheRunFromListAndStore()
    {
        await StoreAsync(StoredRuns.Finished(1), StoredRuns.Finished(2), StoredRuns.Finished(3));
        var cut = _ctx.Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, RowIds(cut).Count), Wait);

        cut.Find("button[data-test=delete-2]").Click();
        Assert.Contains("Delete run 2?", cut.Find("[data-test=delete-confirm-2]").TextContent, StringComparison.Ordinal);
        Assert.Equal([3L, 2, 1], RowIds(cut));
        cut.Find("button[data-test=delete-yes-2]").Click();

        cut.WaitForAssertion(() => Assert.Equal([3L, 1], RowIds(cut)), Wait);
        Assert.Contains("Run 2 deleted", cut.Find("[data-test=history-message]").TextContent, StringComparison.Ordinal);
        Assert.Null(await _ctx.Store.GetAsync(2, CancellationToken.None));
        Assert.NotNull(await _ctx.Store.GetAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_KeepClicked_TheRunStays()
    {
        await StoreAsync(StoredRuns.Finished(1));
        var cut = _ctx.Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Single(RowIds(cut)), Wait);

        cut.Find("button[data-test=delete-1]").Click();
        cut.Find("button[data-test=delete-no-1]").Click();

        Assert.Empty(cut.FindAll("[data-test=delete-confirm-1]"));
        Assert.NotNull(await _ctx.Store.GetAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task Render_RunningRun_CannotBeDeletedLabelledOrSelected()
    {
        await StoreAsync(StoredRuns.Finished(1));
        _ctx.Queue.Add(TestRuns.Summary(2, TestRuns.Plan(new HelloParameters(3), StrategyIds.Async), RunState.Running));
        var cut = _ctx.Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Equal([2L, 1], RowIds(cut)), Wait);

        Assert.True(cut.Find("button[data-test=delete-2]").HasAttribute("disabled"));
        Assert.False(cut.Find("button[data-test=delete-1]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-test=label-edit-2]"));
        Assert.True(cut.Find("[data-test=select-2] input").HasAttribute("disabled"));
    }

    [Fact]
    public async Task CompareSelected_TwoRunsTicked_LinksToCompareWithTheirIds()
    {
        await StoreAsync(StoredRuns.Finished(1), StoredRuns.Finished(2), StoredRuns.Finished(3));
        var cut = _ctx.Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, RowIds(cut).Count), Wait);
        Assert.Null(cut.Find("[data-test=compare-selected]").GetAttribute("href"));

        cut.Find("[data-test=select-3] input").Change(true);
        cut.Find("[data-test=select-1] input").Change(true);

        cut.WaitForAssertion(() => Assert.Equal("/compare?ids=1,3", cut.Find("[data-test=compare-selected]").GetAttribute("href")), Wait);
        Assert.Contains("Compare selected (2)", cut.Find("[data-test=compare-selected]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ExportedRunDocument_ShowsItAsANewImportedRun()
    {
        var original = StoredRuns.Finished(1, label: "from another machine");
        await StoreAsync(original);
        var json = RunJson.Serialize(RunDocument.Create(original, null, DateTimeOffset.UtcNow));

        // What the app's startup does: new ids continue above the stored ones.
        _ctx.Services.GetRequiredService<RunQueue>().EnsureIdsAbove(await _ctx.Store.GetMaxIdAsync(CancellationToken.None));
        var cut = _ctx.Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Single(RowIds(cut)), Wait);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(json, "run-1.json", contentType: "application/json"));

        cut.WaitForAssertion(() => Assert.Equal(2, RowIds(cut).Count), Wait);
        var imported = RowIds(cut)[0];
        Assert.NotEqual(1L, imported);
        Assert.Contains($"as run {imported}", cut.Find("[data-test=history-message]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find($"[data-test=history-row-{imported}] [data-test=imported-chip]"));
        var stored = await _ctx.Store.GetAsync(imported, CancellationToken.None);
        Assert.True(stored!.Imported);
        Assert.Equal(original.Results.Count, stored.Run.Results.Count);
    }

    [Fact]
    public async Task Import_NotARunDocument_SaysWhyAndAddsNothing()
    {
        await StoreAsync(StoredRuns.Finished(1));
        var cut = _ctx.Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Single(RowIds(cut)), Wait);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""{"formatVersion": 99}""", "odd.json"));

        cut.WaitForAssertion(() => Assert.Contains("odd.json is not a run export", cut.Find("[data-test=history-message]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Single(RowIds(cut));
    }

    /// <summary>
    /// A figure (the History page must stay quick as runs pile up): first render of the History page over 1,000 stored runs. It shows one
    /// page; the time is printed (not asserted: a shared machine decides it, not the code), so it is
    /// a benchmark (BENCH=1).
    /// </summary>
    [Trait("Category", "Benchmark")]
    [BenchmarkFact]
    public async Task Render_ThousandStoredRuns_ShowsOnePageAndReportsFirstRenderTime()
    {
        const int runs = 1_000;
        var plan = StoredRuns.HelloPlan(tasks: 3, repeat: 1, StrategyIds.Sequential, StrategyIds.Async);
        for (var id = 1; id <= runs; id++)
        {
            await _ctx.Store.SaveAsync(StoredRuns.Finished(id, plan), null, imported: false, CancellationToken.None);
        }

        // The first render of a page class pays for JIT and the store's first queries; the figure
        // worth quoting is a later one, as a user opening History in a running app sees it.
        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var watch = Stopwatch.StartNew();
            var cut = _ctx.Render<HistoryPage>();
            cut.WaitForAssertion(() => Assert.Equal(HistoryPage.PageSize, RowIds(cut).Count), Wait);
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal((long)runs, RowIds(cut)[0]);
            Assert.Equal("1000", cut.Find("[data-test=history]").GetAttribute("data-total"));
        }

        var warm = times.Skip(1).Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"History first render over {runs} stored runs (bUnit, SQLite): cold {times[0]:0.0} ms, warm median {warm[warm.Length / 2]:0.0} ms (min {warm[0]:0.0}, max {warm[^1]:0.0})"));
    }

    private async Task StoreAsync(params RunSummary[] runs)
    {
        foreach (var run in runs)
        {
            await _ctx.Store.SaveAsync(run, null, imported: false, CancellationToken.None);
        }
    }

    private static List<long> RowIds(IRenderedComponent<HistoryPage> cut) =>
        cut.FindAll("tr[data-run]").Select(r => long.Parse(r.GetAttribute("data-run")!, CultureInfo.InvariantCulture)).ToList();
}
