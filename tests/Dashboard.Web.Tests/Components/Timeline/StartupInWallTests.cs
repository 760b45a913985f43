using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Timeline;

namespace Dashboard.Web.Tests.Components.Timeline;

public sealed class StartupInWallTests
{
    [Theory]
    [InlineData(StrategyIds.Sequential, false, "No start-up")]
    [InlineData(StrategyIds.Threads, false, "No start-up")]
    [InlineData(StrategyIds.Processes, true, "worker processes")]
    [InlineData("python-sequential", true, "Python interpreter")]
    [InlineData(StrategyIds.Cluster, true, "lab nodes")]
    public void EachPlacement_SaysWhetherStartupCountsInTheWall(string key, bool counted, string sentence)
    {
        Assert.Equal(counted, StartupInWall.Label(key) is not null);
        Assert.Contains(sentence, StartupInWall.Sentence(key), StringComparison.Ordinal);
    }
}
