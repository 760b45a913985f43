using Bunit;
using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests.Components;

public sealed class NotFoundTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Render_UnknownAddress_SaysSoWithTheWaysBack()
    {
        var cut = _ctx.Render<NotFound>();

        var panel = cut.Find("[data-test=not-found-page]");
        Assert.Equal("Page not found", panel.QuerySelector("h1")!.TextContent);
        Assert.Equal("/", cut.Find("[data-test=not-found-home]").GetAttribute("href"));
        Assert.Equal("/history", cut.Find("[data-test=not-found-history]").GetAttribute("href"));
    }
}
