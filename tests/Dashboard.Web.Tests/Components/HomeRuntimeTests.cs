using Bunit;
using Dashboard.Engine.Running;
using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests.Components;

/// <summary>The Run page's runtime toggle: .NET, Python or both; twins that do not exist are shown, not dropped.</summary>
public sealed class HomeRuntimeTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Toggle_Both_MarksParallelAsNoTwinAndEnqueuesBothRuntimes()
    {
        var cut = _ctx.Render<Home>();
        Assert.Empty(cut.FindAll("[data-test=no-twin-parallel]"));

        cut.Find("button[data-test=runtime-both]").Click();

        Assert.Equal("true", cut.Find("button[data-test=runtime-both]").GetAttribute("data-selected"));
        Assert.Contains("no Python twin: runs in .NET only", cut.Find("[data-test=no-twin-parallel]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-test=no-twin-threads]"));
        Assert.Empty(cut.FindAll("[data-test=python-missing]"));

        var plan = RunButton.ClickAndWaitForPlan(cut, _ctx.Queue);
        Assert.Equal(LabRuntime.Both, plan.Runtime);
        Assert.Equal(13, plan.StrategyRuns.Count);
    }

    [Fact]
    public void Toggle_PythonWithParallelTicked_ShowsTheFormError()
    {
        var cut = _ctx.Render<Home>();
        cut.Find("button[data-test=runtime-python]").Click();

        cut.Find("button[data-test=run-button]").Click();

        Assert.Empty(_ctx.Queue.Enqueued);
        Assert.Contains("parallel has no Python twin", cut.Find("[data-test=strategies-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Toggle_PythonWherePythonIsMissing_NamesItAndDisablesRun()
    {
        _ctx.Lab.PythonPath = "/nonexistent/python3";
        var cut = _ctx.Render<Home>();

        cut.Find("button[data-test=runtime-python]").Click();

        Assert.Contains("Python 3 is not installed", cut.Find("[data-test=python-missing]").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("button[data-test=run-button]").HasAttribute("disabled"));
    }
}
