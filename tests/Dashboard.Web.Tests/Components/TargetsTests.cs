using Bunit;
using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests.Components;

public sealed class TargetsTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Apply_LatencyOutOfRange_ShowsMessageAndKeepsTheKnobs()
    {
        var before = _ctx.Knobs.Current;
        var cut = _ctx.Render<Targets>();

        cut.Find("input[data-test=knob-genreLatencyMs]").Change("70000");
        cut.WaitForAssertion(() => Assert.Equal("70000", cut.Find("input[data-test=knob-genreLatencyMs]").GetAttribute("value")), TimeSpan.FromSeconds(10));
        cut.Find("button[data-test=knobs-apply]").Click();

        Assert.Same(before, _ctx.Knobs.Current);
        Assert.Contains("genreLatencyMs must be between 0 and 60,000 (got 70,000).", cut.Find("[data-test=knob-errors]").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("input[data-test=knob-genreLatencyMs]").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void Apply_ValidKnobs_ChangesTheLiveKnobs()
    {
        var cut = _ctx.Render<Targets>();

        cut.Find("input[data-test=knob-genreLatencyMs]").Change("100");
        cut.Find("input[data-test=knob-jitterMs]").Change("20");
        cut.WaitForAssertion(() => Assert.Equal("20", cut.Find("input[data-test=knob-jitterMs]").GetAttribute("value")), TimeSpan.FromSeconds(10));
        cut.Find("button[data-test=knobs-apply]").Click();

        Assert.Equal(100, _ctx.Knobs.Current.GenreLatencyMs);
        Assert.Equal(20, _ctx.Knobs.Current.JitterMs);
        Assert.Equal("100 ms", cut.Find("[data-knob=genreLatencyMs]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-test=knobs-saved]"));
    }
}
