using Bunit;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Tests.Runs;

namespace Dashboard.Web.Tests.Components;

/// <summary>The Run page's budget: the estimate as the plan is edited, the refusal as a form error.</summary>
public sealed class HomeBudgetTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Render_TutorialGenre_ShowsEstimateWithinBudgetAndRunEnabled()
    {
        var cut = _ctx.Render<Home>();

        // Sequential: 10 calls x (280 ms + 3 ms); the others overlap the waits, so the run is less than 7 x that.
        var estimate = cut.Find("[data-test=budget-estimate]");
        Assert.Contains("Estimated run time: ", estimate.TextContent, StringComparison.Ordinal);
        Assert.InRange(_ctx.Budget.Estimate(cut.Instance.Form.ToPlan()).Seconds, 10 * 0.283 + 6 * 0.28, 7 * 10 * 0.283);
        Assert.StartsWith("sequential 2.8 s (10 tasks one after another) + threads ", estimate.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Equal("false", estimate.GetAttribute("data-over-budget"));
        Assert.Empty(cut.FindAll("[data-test=budget-error]"));
        Assert.False(cut.Find("button[data-test=run-button]").HasAttribute("disabled"));
    }

    [Fact]
    public void EditWait_HelloOverBudget_ShowsRefusalAndDisablesRun()
    {
        var cut = _ctx.Render<Home>();
        cut.Find("[data-test=workload-hello]").Click();

        cut.Find("input[data-test=field-delay]").Change("60000");
        cut.WaitForState(() => cut.Instance.Form.Parameters() is HelloParameters { DelayMs: 60_000 }, TimeSpan.FromSeconds(10));
        cut.Find("input[data-test=field-tasks]").Change("20");
        cut.WaitForState(() => cut.Instance.Form.Parameters() is HelloParameters { Tasks: 20 }, TimeSpan.FromSeconds(10));

        cut.WaitForAssertion(() =>
        {
            var error = cut.Find("[data-test=budget-error]").TextContent;
            Assert.Contains("(7 strategy runs x 1 repetition)", error, StringComparison.Ordinal);
            Assert.Contains("sequential alone takes about 1,200 s (20 tasks one after another): untick it", error, StringComparison.Ordinal);
            Assert.Contains("the limit is 900 s (Runs:MaxRunSeconds)", error, StringComparison.Ordinal);
            Assert.Equal("true", cut.Find("[data-test=budget-estimate]").GetAttribute("data-over-budget"));
            Assert.True(cut.Find("button[data-test=run-button]").HasAttribute("disabled"));
        }, TimeSpan.FromSeconds(10));
        Assert.Empty(_ctx.Queue.Enqueued);
    }

    [Fact]
    public void KnobChange_GenreLatency_ChangesTheShownEstimate()
    {
        var cut = _ctx.Render<Home>();

        _ctx.Knobs.Update(k => k with { GenreLatencyMs = 1_000 });
        cut.Render();

        // Sequential alone: 10 calls x (1,000 ms + 3 ms).
        Assert.StartsWith("sequential 10 s (10 tasks one after another)", cut.Find("[data-test=budget-estimate]").GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void RunClick_QueueRefusesBudget_ShowsTheQueuesMessage()
    {
        // The queue is the judge: here it has a smaller limit than the page knows of.
        _ctx.Queue.Budget = TestBudgets.Create(_ctx.Knobs, maxRunSeconds: 1);
        var cut = _ctx.Render<Home>();

        cut.Find("button[data-test=run-button]").Click();

        Assert.Empty(_ctx.Queue.Enqueued);
        Assert.Contains("the limit is 1 s (Runs:MaxRunSeconds)", cut.Find("[data-test=budget-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-test=form-errors]"));
    }

    [Fact]
    public void EditAfterRefusal_ClearsTheQueuesMessage()
    {
        _ctx.Queue.Budget = TestBudgets.Create(_ctx.Knobs, maxRunSeconds: 1);
        var cut = _ctx.Render<Home>();
        cut.Find("button[data-test=run-button]").Click();

        cut.Find("input[data-test=field-tasks]").Change("6");
        cut.WaitForState(() => cut.Instance.Form.Parameters() is GenreParameters { Tasks: 6 }, TimeSpan.FromSeconds(10));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-test=budget-error]")), TimeSpan.FromSeconds(10));
    }
}
