using AngleSharp.Dom;
using Bunit;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests.Components;

/// <summary>The Run page's Sweep control: what it enqueues, and its messages.</summary>
public sealed class HomeSweepTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<Home> HelloQuick()
    {
        var cut = _ctx.Render<Home>();
        cut.Find("[data-test=workload-hello]").Click();
        cut.Find("button[data-test=preset-quick]").Click();
        // The preview renders after the click's handler: wait for it rather than race it (failed once in CI under load).
        cut.WaitForElement("button[data-test=preset-apply]", TimeSpan.FromSeconds(20)).Click();
        return cut;
    }

    private static void TypeSweep(IRenderedComponent<Home> cut, string text)
    {
        cut.Find("input[data-test=field-sweep]").Change(text);
        cut.WaitForState(() => cut.Instance.Form.SweepText == text, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void RunButton_Sweep_EnqueuesThePlanWithEverySizedStrategyAtEachSize()
    {
        var cut = HelloQuick();

        TypeSweep(cut, "1,2");
        Assert.Contains("thread pool, async, parallel, processes, async + processes at 1, 2: 10 strategy runs per repetition",
            cut.Find("[data-test=sweep-note]").TextContent, StringComparison.Ordinal);
        var plan = RunButton.ClickAndWaitForPlan(cut, _ctx.Queue);
        Assert.Equal([1, 2], plan.Sweep);
        Assert.Equal(
            ["sequential", "threads", "threadpool@1", "threadpool@2", "async@1", "async@2", "parallel@1", "parallel@2",
             "processes@1", "processes@2", "async-processes@1", "async-processes@2"],
            plan.StrategyRuns);
    }

    [Theory]
    [InlineData("1,2,3,4,5,6,7,8,9", "sweep must have 2 to 8 sizes (got 9).")]
    [InlineData("1,x", "sweep must be whole numbers separated by commas")]
    [InlineData("1,2000", "Sweep size 2,000 is above the threadpool limit of 1,024 workers.")]
    public void RunButton_BadSweep_ShowsTheMessageAtTheFieldAndEnqueuesNothing(string sweep, string expected)
    {
        var cut = HelloQuick();

        TypeSweep(cut, sweep);
        cut.Find("button[data-test=run-button]").Click();

        Assert.Empty(_ctx.Queue.Enqueued);
        var field = cut.Find("input[data-test=field-sweep]").Closest(".mud-input-control")!;
        Assert.Contains(expected, field.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("input[data-test=field-sweep]").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void SweepNote_NoSizedStrategyTicked_SaysWhichToTick()
    {
        var cut = HelloQuick();
        foreach (var strategy in StrategySizes.Sized)
        {
            cut.Find($"[data-test=strategy-{strategy}] input").Change(false);
        }

        TypeSweep(cut, "1,2");

        Assert.Contains("Tick thread pool, async, parallel, processes or async + processes", cut.Find("[data-test=sweep-note]").TextContent, StringComparison.Ordinal);
    }
}
