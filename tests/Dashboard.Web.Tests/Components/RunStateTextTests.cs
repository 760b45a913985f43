using Bunit;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using StoredRuns = Dashboard.Web.Tests.Storage.TestRuns;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// A run that ended other than completed reads the same everywhere: the run page, History and
/// Compare show RunLifecycle's display text of its state in the state chip, and write its API
/// text in data-state (RunStateApiTests checks the API says that text too).
/// </summary>
public sealed class RunStateTextTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Run ids and the states they ended in, with the display text a person must read.</summary>
    private static readonly (long Id, RunState State, string Text)[] Ended =
    [
        (1, RunState.Cancelled, "cancelled"),
        (2, RunState.TimedOut, "timed out"),
        (3, RunState.Interrupted, "interrupted"),
    ];

    private readonly ComponentTestContext _ctx = new();

    public async Task InitializeAsync()
    {
        foreach (var (id, state, _) in Ended)
        {
            await _ctx.Store.SaveAsync(StoredRuns.Finished(id, state: state), null, imported: false, CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void RunPage_EndedRuns_ChipShowsTheStatesDisplayText()
    {
        foreach (var (id, state, text) in Ended)
        {
            _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/runs/{id}");
            var cut = _ctx.Render<LiveRunPage>(p => p.Add(x => x.Id, id));

            cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-test=summary-table]")), Wait);
            AssertChip(cut.Find("[data-test=live-run] [data-test=state-chip]"), state, text);
            Assert.Equal(RunLifecycle.ToText(state), cut.Find("[data-test=live-run]").GetAttribute("data-state"));
        }
    }

    [Fact]
    public void History_EndedRuns_ChipShowsTheStatesDisplayText()
    {
        var cut = _ctx.Render<HistoryPage>();

        cut.WaitForAssertion(() => Assert.Equal(Ended.Length, cut.FindAll("[data-test^=history-row-]").Count), Wait);
        foreach (var (id, state, text) in Ended)
        {
            var row = cut.Find($"[data-test=history-row-{id}]");
            Assert.Equal(RunLifecycle.ToText(state), row.GetAttribute("data-state"));
            AssertChip(row.QuerySelector("[data-test=state-chip]")!, state, text);
        }
    }

    [Fact]
    public void Compare_EndedRuns_ChipShowsTheStatesDisplayText()
    {
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/compare?ids=1,2,3");
        var cut = _ctx.Render<ComparePage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-test=compare-table]")), Wait);
        foreach (var (id, state, text) in Ended)
        {
            AssertChip(cut.Find($"[data-test=compare-run-{id}] [data-test=state-chip]"), state, text);
        }

        Assert.DoesNotContain("timedout", cut.Markup, StringComparison.Ordinal);
    }

    private static void AssertChip(AngleSharp.Dom.IElement chip, RunState state, string text)
    {
        Assert.Equal(text, RunLifecycle.ToLabel(state));
        Assert.Equal(text, chip.TextContent.Trim());
        Assert.Equal(RunLifecycle.ToText(state), chip.GetAttribute("data-state"));
    }
}
