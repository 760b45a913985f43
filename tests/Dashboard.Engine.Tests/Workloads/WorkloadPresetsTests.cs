using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

public sealed class WorkloadPresetsTests
{
    private static readonly WorkloadEnvironment Env = new("http://127.0.0.1:1/sim/", System.IO.Path.GetTempPath());

    [Fact]
    public void All_EveryWorkloadHasTutorialQuickAndStress()
    {
        foreach (var workload in WorkloadCatalog.Ids)
        {
            Assert.Equal(["tutorial", "quick", "stress"], WorkloadPresets.For(workload).Select(p => p.Preset));
        }

        Assert.Equal(15, WorkloadPresets.All.Count);
    }

    [Fact]
    public void All_EveryPresetIsValidAndCreatesItsWorkload()
    {
        foreach (var preset in WorkloadPresets.All)
        {
            Assert.Empty(preset.Parameters.Validate());
            Assert.Equal(preset.Workload, preset.Parameters.Workload);
            Assert.False(string.IsNullOrWhiteSpace(preset.Description));
            using var workload = WorkloadFactory.Create(preset.Parameters, Env);
            Assert.Equal(preset.Parameters, workload.Parameters);
        }
    }

    [Fact]
    public void Tutorial_MatchesTheTutorialsSizes()
    {
        Assert.Equal(new GenreParameters(Tasks: 10), WorkloadPresets.Get("genre", "tutorial"));
        Assert.Equal(new PowerParameters(Start: 1_000_000, Count: 16), WorkloadPresets.Get("power", "tutorial"));
        Assert.Equal(new ScrapeParameters(Pages: 100), WorkloadPresets.Get("scrape", "tutorial"));
        var hello = Assert.IsType<HelloParameters>(WorkloadPresets.Get("hello", "tutorial"));
        Assert.Equal(2_000, hello.DelayMs);
    }

    [Fact]
    public void Get_UnknownPreset_ThrowsListingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => WorkloadPresets.Get("power", "huge"));

        Assert.Contains("No preset 'huge' for workload 'power'", error.Message, StringComparison.Ordinal);
        Assert.Contains("tutorial, quick, stress", error.Message, StringComparison.Ordinal);
        Assert.False(WorkloadPresets.TryGet("nope", "quick", out _));
    }

    [Fact]
    public void Catalog_CoversEveryWorkloadWithItsKind()
    {
        Assert.Equal(WorkloadCatalog.Ids, WorkloadCatalog.All.Select(w => w.Id));
        foreach (var info in WorkloadCatalog.All)
        {
            using var workload = WorkloadFactory.Create(WorkloadPresets.Get(info.Id, "quick"), Env);
            Assert.Equal(info.Kind, workload.Kind);
            Assert.All(info.TutorialFigures, f => Assert.True(Dashboard.Engine.Strategies.StrategyCatalog.IsKnown(f.Strategy), f.Strategy));
        }
    }

    [Fact]
    public void Catalog_HoldsTheTutorialsFigures()
    {
        Assert.Equal([1.42, 0.77, 0.71], WorkloadCatalog.Get("genre").TutorialFigures.Select(f => f.Seconds));
        Assert.Equal([54.64, 53.83, 6.24], WorkloadCatalog.Get("power").TutorialFigures.Select(f => f.Seconds));
        Assert.Equal([88.86, 47.92, 8.87, 5.65], WorkloadCatalog.Get("scrape").TutorialFigures.Select(f => f.Seconds));
        Assert.Throws<ArgumentException>(() => WorkloadCatalog.Get("nope"));
    }
}
