using Bunit;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Components;

public sealed class RunStateChipTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Render_TimedOut_ReadsTimedOutWithTheApiStateAsDataAttribute()
    {
        var cut = _ctx.Render<RunStateChip>(p => p.Add(x => x.State, RunState.TimedOut));

        var chip = cut.Find("[data-test=state-chip]");
        Assert.Equal("timedOut", chip.GetAttribute("data-state"));
        Assert.Contains("timed out", chip.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Completed_LowerCaseNameAsBefore()
    {
        var cut = _ctx.Render<RunStateChip>(p => p.Add(x => x.State, RunState.Completed));

        var chip = cut.Find("[data-test=state-chip]");
        Assert.Equal("completed", chip.GetAttribute("data-state"));
        Assert.Contains("completed", chip.TextContent, StringComparison.Ordinal);
    }
}
