using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Tests.Strategies;

public sealed class StrategyStartupTests
{
    [Theory]
    [InlineData(StrategyIds.Sequential, null, "No start-up")]
    [InlineData(StrategyIds.Threads, null, "No start-up")]
    [InlineData(StrategyIds.Processes, "worker start", "worker processes")]
    [InlineData(StrategyIds.AsyncProcesses, "worker start", "worker processes")]
    [InlineData("python-sequential", "interpreter start", "Python interpreter")]
    [InlineData(StrategyIds.Cluster, "node start", "reuse the running nodes")]
    public void StartupOf_EachPlacement_SaysItsSegmentAndWhetherItCounts(string key, string? segment, string sentence)
    {
        var startup = StrategyCatalog.StartupOf(key);

        Assert.Equal(segment, startup.Segment);
        Assert.Equal(segment is not null, startup.Counted);
        Assert.Equal(segment is null ? null : "start-up counted", startup.Mark);
        Assert.Contains(sentence, startup.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Starting_SaysWhatStartsWithTheRunsKnobs()
    {
        Assert.Equal("starting 3 worker processes…", StrategyCatalog.StartupOf(StrategyIds.Processes).Starting(new StrategyOptions(ProcessCount: 3)));
        Assert.Equal("starting 1 worker process…", StrategyCatalog.StartupOf(StrategyIds.Processes).Starting(new StrategyOptions(ProcessCount: 1)));
        Assert.Equal("starting the Python interpreter…", StrategyCatalog.StartupOf("python-threads").Starting(new StrategyOptions()));
        Assert.NotNull(StrategyCatalog.StartupOf(StrategyIds.Cluster).Starting(new StrategyOptions()));
        Assert.Null(StrategyCatalog.StartupOf(StrategyIds.Async).Starting(new StrategyOptions()));
    }

    [Fact]
    public void Descriptor_StartupFollowsItsPlacement()
    {
        foreach (var descriptor in StrategyCatalog.All)
        {
            Assert.Equal(descriptor.Placement != StrategyPlacement.InProcess, descriptor.Startup.Counted);
        }
    }
}
