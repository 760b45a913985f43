using Bunit;
using Dashboard.Engine.Running;
using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests.Components;

/// <summary>The Run page's targets choice: only where a real target is configured for the workload.</summary>
public sealed class HomeTargetsTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void NothingConfigured_NoChoice_RunsOnTheSimulatedTargets()
    {
        var cut = _ctx.Render<Home>();

        Assert.Empty(cut.FindAll("[data-test=targets]"));
        Assert.Equal(LabTargets.Simulated, RunButton.ClickAndWaitForPlan(cut, _ctx.Queue).Targets);
    }

    [Fact]
    public void GenreConfigured_ChoosingReal_EnqueuesARealRunAndNamesTheHost()
    {
        _ctx.RealTargets.Genre = "https://binaryjazz.us/wp-json/genrenator/v1/";
        _ctx.RealTargets.AllowedHosts = ["binaryjazz.us"];
        var cut = _ctx.Render<Home>();

        Assert.Equal("true", cut.Find("button[data-test=targets-simulated]").GetAttribute("data-selected"));
        cut.Find("button[data-test=targets-real]").Click();

        Assert.Contains("binaryjazz.us, over the internet: at most 4 requests at once and 5 per second", cut.Find("[data-test=targets]").TextContent, StringComparison.Ordinal);
        Assert.Equal(LabTargets.Real, RunButton.ClickAndWaitForPlan(cut, _ctx.Queue).Targets);
    }
}
