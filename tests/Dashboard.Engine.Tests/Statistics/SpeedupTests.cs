using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Tests.Statistics;

public sealed class SpeedupTests
{
    [Fact]
    public void Of_TwoSamples_PropagatesRelativeErrorsInQuadrature()
    {
        // baseline [2.0, 2.2, 2.1]: mean 2.1, se 0.1/√3 = 0.05773502691896263 (rel 0.027492869961411);
        // candidate [1.0, 1.05, 0.95, 1.0]: mean 1.0, se 0.04082482904638634/2 = 0.02041241452319317.
        // python3: R = 2.1, σ_R/R = √(0.0274929² + 0.0204124²) = 0.03424214603937245, σ_R = 0.07190850668268214.
        var speedup = Speedup.Of(SampleStatistics.Compute([2.0, 2.2, 2.1]), SampleStatistics.Compute([1.0, 1.05, 0.95, 1.0]));

        Assert.NotNull(speedup);
        Assert.Equal(2.1, speedup.Ratio, 1e-12);
        Assert.Equal(0.03424214603937245, speedup.RelativeError!.Value, 1e-12);
        Assert.Equal(0.07190850668268214, speedup.Error!.Value, 1e-12);
        Assert.Equal("2.10 ± 0.07 times faster", speedup.ToString());
    }

    [Fact]
    public void Of_SlowerCandidate_SaysSlowerWithInverseRatio()
    {
        // Swapped: R = 1/2.1 = 0.476; shown as 2.10 times slower with the same relative error.
        var speedup = Speedup.Of(SampleStatistics.Compute([1.0, 1.05, 0.95, 1.0]), SampleStatistics.Compute([2.0, 2.2, 2.1]));

        Assert.Equal(1 / 2.1, speedup!.Ratio, 1e-12);
        Assert.Equal("2.10 ± 0.07 times slower", speedup.ToString());
    }

    [Fact]
    public void Of_SingleRepetition_HasNoError()
    {
        var speedup = Speedup.Of(SampleStatistics.Compute([64.0]), SampleStatistics.Compute([0.98, 1.02]));

        Assert.Equal(64, speedup!.Ratio, 1e-12);
        Assert.Null(speedup.Error);
        Assert.Equal("64.0 times faster", speedup.ToString());
    }

    [Fact]
    public void Of_ZeroMean_IsNull()
    {
        Assert.Null(Speedup.Of(SampleStatistics.Compute([1.0]), SampleStatistics.Compute([0.0, 0.0])));
    }

    [Fact]
    public void Of_OneSlowBaselineRepetition_UsesMediansNotMeans()
    {
        // Baseline 2, 2, 11: median 2, mean 5. Candidate 1, 1, 1. Ratio of medians 2 (of means it would be 5).
        var speedup = Speedup.Of(SampleStatistics.Compute([2.0, 2.0, 11.0]), SampleStatistics.Compute([1.0, 1.0, 1.0]));

        Assert.Equal(2, speedup!.Ratio, 1e-12);
    }
}
