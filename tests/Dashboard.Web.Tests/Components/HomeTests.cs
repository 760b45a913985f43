using AngleSharp.Dom;
using Bunit;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Pages;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Tests.Components;

public sealed class HomeTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void RunButton_TasksOutOfRange_ShowsMessageNextToFieldAndEnqueuesNothing()
    {
        var cut = _ctx.Render<Home>();

        cut.Find("input[data-test=field-tasks]").Change("0");
        cut.WaitForState(() => cut.Instance.Form.Parameters() is GenreParameters { Tasks: 0 }, TimeSpan.FromSeconds(10));
        cut.Find("button[data-test=run-button]").Click();

        Assert.Empty(_ctx.Queue.Enqueued);
        // MudBlazor puts the input's attributes on the <input>; its error text sits in the same input control.
        var field = cut.Find("input[data-test=field-tasks]").Closest(".mud-input-control")!;
        Assert.Contains("tasks must be between 1 and 10,000 (got 0).", field.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("input[data-test=field-tasks]").GetAttribute("aria-invalid"));
        Assert.Contains("tasks must be between 1 and 10,000", cut.Find("[data-test=form-errors]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RunButton_NoStrategyTicked_SaysPickOneAndEnqueuesNothing()
    {
        var cut = _ctx.Render<Home>();

        cut.Find("button[data-test=strategies-none]").Click();
        cut.WaitForState(() => cut.Instance.Form.Strategies.Count == 0, TimeSpan.FromSeconds(10));
        cut.Find("button[data-test=run-button]").Click();

        // The Run handler is asynchronous: on a busy machine its render lands after Click returns.
        cut.WaitForAssertion(
            () => Assert.Contains("Pick at least one strategy.", cut.Find("[data-test=strategies-error]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Empty(_ctx.Queue.Enqueued);
    }

    [Fact]
    public void PresetQuick_OnPowerCard_FillsThePresetParameters()
    {
        var cut = _ctx.Render<Home>();

        cut.Find("[data-test=workload-power]").Click();
        cut.Find("button[data-test=preset-quick]").Click();
        cut.Find("button[data-test=preset-apply]").Click();

        var expected = (PowerParameters)WorkloadPresets.Get(PowerParameters.WorkloadId, WorkloadPresets.Quick);
        Assert.Equal("true", cut.Find("[data-test=workload-power]").GetAttribute("data-selected"));
        // MudNumericField turns its new value into text asynchronously: wait for that render.
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(expected.Start.ToString(System.Globalization.CultureInfo.InvariantCulture), InputValue(cut.Find("input[data-test=field-start]")));
            Assert.Equal(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), InputValue(cut.Find("input[data-test=field-count]")));
        }, TimeSpan.FromSeconds(10));
        Assert.Equal(expected with { Engine = null }, cut.Instance.Form.Parameters());
    }

    [Fact]
    public void RunButton_ValidForm_EnqueuesThePlanAndNavigatesToTheRun()
    {
        var cut = _ctx.Render<Home>();
        cut.Find("[data-test=workload-hello]").Click();
        cut.Find("button[data-test=preset-quick]").Click();
        cut.Find("button[data-test=preset-apply]").Click();
        cut.Find("[data-test=strategy-threads] input").Change(false);
        cut.WaitForState(() => !cut.Instance.Form.IsSelected(StrategyIds.Threads), TimeSpan.FromSeconds(10));

        var plan = RunButton.ClickAndWaitForPlan(cut, _ctx.Queue);
        Assert.Equal(WorkloadPresets.Get(HelloParameters.WorkloadId, WorkloadPresets.Quick), plan.Parameters);
        Assert.Equal(StrategyCatalog.DefaultIds.Where(s => s != StrategyIds.Threads), plan.Strategies);
        var navigation = _ctx.Services.GetService<NavigationManager>();
        Assert.EndsWith("/runs/42", navigation!.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void RunButton_QueueFull_ShowsTheQueueMessage()
    {
        _ctx.Queue.Full = true;
        var cut = _ctx.Render<Home>();

        cut.Find("button[data-test=run-button]").Click();

        Assert.Empty(_ctx.Queue.Enqueued);
        Assert.Contains("The run queue is full", cut.Find("[data-test=queue-full]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Strategies_ByDefault_AreAllTicked()
    {
        var cut = _ctx.Render<Home>();

        foreach (var strategy in StrategyCatalog.DefaultIds)
        {
            Assert.Equal("true", cut.Find($"[data-test=strategy-{strategy}]").GetAttribute("data-checked"));
        }
    }

    private static string? InputValue(IElement input) => input.GetAttribute("value");
}
