using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Tests.Strategies;

/// <summary>The strategy catalogue holds together: ids, the baseline, what each descriptor creates, sizes, twins and lanes.</summary>
public sealed class StrategyCatalogTests
{
    public static TheoryData<string> Strategies => [.. StrategyCatalog.Ids];

    [Fact]
    public void Catalog_IdsAreUniqueWithOneBaselineInAll()
    {
        Assert.Equal(StrategyCatalog.Ids.Count, StrategyCatalog.Ids.Distinct(StringComparer.Ordinal).Count());
        var baseline = Assert.Single(StrategyCatalog.All, d => d.IsBaseline);
        Assert.Equal(StrategyMembership.All, baseline.Membership);
        Assert.Equal(StrategyIds.Sequential, StrategyCatalog.Baseline.Id);
        Assert.Equal(
            [StrategyIds.Sequential, StrategyIds.Threads, StrategyIds.ThreadPool, StrategyIds.Async, StrategyIds.Parallel, StrategyIds.Processes, StrategyIds.AsyncProcesses],
            StrategyCatalog.DefaultIds);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Descriptor_CreatesItsOwnStrategy(string id)
    {
        var descriptor = StrategyCatalog.Get(id);

        Assert.Equal(id, new LabRunner().CreateStrategy(id).Id);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Name));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Hint(new StrategyOptions())));
        Assert.All(descriptor.InProcessPeers, peer => Assert.Equal(StrategyPlacement.InProcess, StrategyCatalog.Get(peer).Placement));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Descriptor_TwinKeyReadsAsTheTwin(string id)
    {
        var descriptor = StrategyCatalog.Get(id);
        var key = PythonTwins.Key(id);

        Assert.Equal(descriptor.Twin is not null, PythonTwins.IsTwinKey(key));
        if (descriptor.Twin is { } twin)
        {
            Assert.Equal(twin.Name, StrategyCatalog.Name(key));
            Assert.Equal(twin.Hint(new StrategyOptions()), StrategyCatalog.Hint(key, new StrategyOptions()));
            Assert.Equal(StrategyPlacement.Python, StrategyCatalog.PlacementOf(key));
            Assert.Same(descriptor, StrategyCatalog.Of(key));
        }
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Descriptor_SweepPointRunsWithItsSize(string id)
    {
        var descriptor = StrategyCatalog.Get(id);
        Assert.Equal(descriptor.Size is not null, StrategySizes.IsSized(id));
        if (descriptor.Size is not { } size)
        {
            return;
        }

        var key = StrategySizes.Key(id, 3);
        var options = StrategySizes.OptionsFor(key, new StrategyOptions());

        Assert.Equal(3, size.Knob.Get(options));
        Assert.Equal($"{descriptor.Name} ×3", StrategyCatalog.Name(key));
        Assert.Same(descriptor, StrategyCatalog.Of(key));
        Assert.Equal(descriptor.Lanes!(new LaneQuestion(options, 2, 100, false)), StrategyCatalog.Lanes(key, new LaneQuestion(new StrategyOptions(), 2, 100, false)));
        Assert.False(StrategySizes.TryParse(StrategySizes.Key(id, size.Max + 1), out _, out _));
    }

    [Fact]
    public void Lanes_ThreadPoolDefault_IsPythonsMinOf32AndCoresPlus4()
    {
        var lanes = StrategyCatalog.Lanes(StrategyIds.ThreadPool, new LaneQuestion(new StrategyOptions(), 2, 100, false));

        Assert.Equal(6, lanes);
        Assert.Equal(StrategyOptions.DefaultThreadPoolSize(2), lanes);
        Assert.Equal(32, StrategyOptions.DefaultThreadPoolSize(64));
        Assert.Equal(StrategyOptions.DefaultThreadPoolSize(Environment.ProcessorCount), new StrategyOptions().EffectiveThreadPoolSize);
    }

    [Fact]
    public void Lanes_GilBoundTwinOnCpuWork_IsOneLane()
    {
        var threads = PythonTwins.Key(StrategyIds.Threads);

        Assert.Equal(1, StrategyCatalog.Lanes(threads, new LaneQuestion(new StrategyOptions(), 2, 16, CpuBound: true)));
        Assert.Equal(16, StrategyCatalog.Lanes(threads, new LaneQuestion(new StrategyOptions(), 2, 16, CpuBound: false)));
        Assert.Equal(2, StrategyCatalog.Lanes(PythonTwins.Key(StrategyIds.Processes), new LaneQuestion(new StrategyOptions(), 2, 16, CpuBound: true)));
    }

    [Fact]
    public void Knobs_ValidateUnderTheirFieldNames()
    {
        var errors = new StrategyOptions(ThreadPoolSize: 0, AsyncCap: 0, ParallelDegree: 0, ProcessCount: StrategyOptions.MaxProcessCount + 1).Validate();

        Assert.Equal(StrategyKnobs.All.Select(k => k.Field).Order(), errors.Keys.Order());
        Assert.Equal("processCount must be between 1 and 64 (got 65).", Assert.Single(errors["processCount"]));
    }

    [Fact]
    public void Order_TwinsAndUnknownKeysComeLast()
    {
        Assert.True(StrategyCatalog.Order(StrategyIds.Sequential) < StrategyCatalog.Order(StrategySizes.Key(StrategyIds.ThreadPool, 4)));
        Assert.Equal(int.MaxValue, StrategyCatalog.Order(PythonTwins.Key(StrategyIds.Threads)));
        Assert.Equal(int.MaxValue, StrategyCatalog.Order("made-up"));
    }
}
