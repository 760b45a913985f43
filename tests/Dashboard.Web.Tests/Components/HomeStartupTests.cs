using Bunit;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// The Run page says for every strategy whether start-up counts in its measured wall time, and why:
/// its descriptor's sentence, for the runtime chosen.
/// </summary>
public sealed class HomeStartupTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Dotnet_EveryStrategySaysItsDescriptorsStartupSentence()
    {
        var cut = _ctx.Render<Home>();

        foreach (var descriptor in StrategyCatalog.All)
        {
            Assert.Equal(StrategyCatalog.StartupOf(descriptor.Id).Sentence, cut.Find($"[data-test=startup-{descriptor.Id}]").TextContent.Trim());
        }

        Assert.StartsWith("Start-up counts: its wall time includes starting its worker processes", Startup(cut, StrategyIds.Processes), StringComparison.Ordinal);
        Assert.StartsWith("Start-up counts on the repetition that starts the lab nodes", Startup(cut, StrategyIds.Cluster), StringComparison.Ordinal);
        Assert.StartsWith("No start-up: it runs in the app's own process", Startup(cut, StrategyIds.Threads), StringComparison.Ordinal);
    }

    [Fact]
    public void Python_TwinsSayTheInterpreterStartCounts_StrategiesWithoutATwinKeepTheirs()
    {
        var cut = _ctx.Render<Home>();

        cut.Find("button[data-test=runtime-python]").Click();

        Assert.StartsWith("Start-up counts: its wall time includes starting the Python interpreter", Startup(cut, StrategyIds.Threads), StringComparison.Ordinal);
        Assert.StartsWith("No start-up", Startup(cut, StrategyIds.Parallel), StringComparison.Ordinal);
    }

    [Fact]
    public void Both_InProcessStrategySaysEachRuntimesRule()
    {
        var cut = _ctx.Render<Home>();

        cut.Find("button[data-test=runtime-both]").Click();

        var threads = Startup(cut, StrategyIds.Threads);
        Assert.StartsWith(".NET: No start-up", threads, StringComparison.Ordinal);
        Assert.Contains("Python: Start-up counts: its wall time includes starting the Python interpreter", threads, StringComparison.Ordinal);
    }

    private static string Startup(IRenderedComponent<Home> cut, string strategy) => cut.Find($"[data-test=startup-{strategy}]").TextContent.Trim();
}
