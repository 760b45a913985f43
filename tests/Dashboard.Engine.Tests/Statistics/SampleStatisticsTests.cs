using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Tests.Statistics;

public sealed class SampleStatisticsTests
{
    [Fact]
    public void Compute_FiveSamples_MatchesHandComputation()
    {
        // python3 statistics: mean 1.3, median 1.3, stdev sqrt(0.1/4) = 0.15811388300841894,
        // se = 0.07071067811865474, cv = 0.12162606385262995, MAD = median(.1,.2,.2,.1,0) = 0.1,
        // CI = 1.3 ± 2.776445105 · se = [1.1036756838662305, 1.4963243161337696].
        var s = SampleStatistics.Compute([1.2, 1.5, 1.1, 1.4, 1.3]);

        Assert.Equal(5, s.Count);
        Assert.Equal(1.3, s.Mean, 1e-12);
        Assert.Equal(1.3, s.Median, 1e-12);
        Assert.Equal(0.15811388300841894, s.StandardDeviation!.Value, 1e-12);
        Assert.Equal(0.07071067811865474, s.StandardError!.Value, 1e-12);
        Assert.Equal(1.1, s.Min);
        Assert.Equal(1.5, s.Max);
        Assert.Equal(1.1036756838662305, s.ConfidenceLow!.Value, 1e-8);
        Assert.Equal(1.4963243161337696, s.ConfidenceHigh!.Value, 1e-8);
        Assert.Equal(0.12162606385262995, s.CoefficientOfVariation!.Value, 1e-12);
        Assert.Equal(0.1, s.MedianAbsoluteDeviation, 1e-12);
        Assert.False(s.HasOutliers);

        // CV 12.2% > 10%: noisy, and a warning says so.
        Assert.True(s.IsNoisy);
        Assert.Contains("Noisy: the coefficient of variation is 12.2% (above 10%).", s.Warnings);
    }

    [Fact]
    public void Compute_EvenCount_MedianIsMeanOfMiddlePair()
    {
        var s = SampleStatistics.Compute([4, 1, 3, 2]);

        Assert.Equal(2.5, s.Median);
    }

    [Fact]
    public void Compute_OneFarSample_IsFlaggedAsOutlier()
    {
        // median 1.005; |x - median| = .005 .015 .025 .005 .015 .495, MAD = 0.015, scale = 1.4826 · 0.015
        // = 0.022239. 1.50: 0.495 / 0.022239 = 22.3 > 3.5 (outlier); 0.98: 0.025 / 0.022239 = 1.12 (not).
        var s = SampleStatistics.Compute([1.00, 1.02, 0.98, 1.01, 0.99, 1.50]);

        Assert.Equal(0.015, s.MedianAbsoluteDeviation, 1e-12);
        Assert.Equal([1.50], s.Outliers);
        Assert.Contains(s.Warnings, w => w.Contains("outlier", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_ZeroMad_FallsBackToMeanAbsoluteDeviation()
    {
        // median 1, MAD 0; mean |x - 1| = 0.2, scale 1.2533 · 0.2 = 0.25066; |2 - 1| / 0.25066 = 3.99 > 3.5.
        var s = SampleStatistics.Compute([1, 1, 1, 1, 2]);

        Assert.Equal(0, s.MedianAbsoluteDeviation);
        Assert.Equal([2.0], s.Outliers);
    }

    [Fact]
    public void Compute_ModerateFarthestSample_IsNotAnOutlier()
    {
        // sorted 1, 1, 1, 1.1, 1.1, 1.2: median 1.05, |dev| = .05 .05 .05 .05 .05 .15, MAD 0.05,
        // scale 1.4826 · 0.05 = 0.07413; farthest 1.2: 0.15 / 0.07413 = 2.02 < 3.5.
        var s = SampleStatistics.Compute([1, 1, 1, 1.1, 1.2, 1.1]);

        Assert.Equal(0.05, s.MedianAbsoluteDeviation, 1e-12);
        Assert.Empty(s.Outliers);
    }

    [Fact]
    public void Compute_ConstantSamples_NoOutliersAndZeroSpread()
    {
        var s = SampleStatistics.Compute([2, 2, 2]);

        Assert.Equal(0, s.StandardDeviation);
        Assert.Equal(0, s.CoefficientOfVariation);
        Assert.Equal(2, s.ConfidenceLow);
        Assert.Equal(2, s.ConfidenceHigh);
        Assert.Empty(s.Outliers);
        Assert.Empty(s.Warnings);
    }

    [Fact]
    public void Compute_SingleSample_SpreadIsNullAndWarns()
    {
        var s = SampleStatistics.Compute([0.75]);

        Assert.Equal(1, s.Count);
        Assert.Equal(0.75, s.Mean);
        Assert.Equal(0.75, s.Median);
        Assert.Null(s.StandardDeviation);
        Assert.Null(s.StandardError);
        Assert.Null(s.ConfidenceLow);
        Assert.Null(s.CoefficientOfVariation);
        Assert.False(s.IsNoisy);
        Assert.Contains(s.Warnings, w => w.Contains("Only 1 repetition", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_TwoSamples_UsesT12706()
    {
        // n = 2: mean 1.5, s = √0.5 = 0.70710678, se = 0.5, half-width = 12.706204736 · 0.5 = 6.353102368.
        var s = SampleStatistics.Compute([1, 2]);

        Assert.Equal(1.5 - 6.353102368, s.ConfidenceLow!.Value, 1e-6);
        Assert.Equal(1.5 + 6.353102368, s.ConfidenceHigh!.Value, 1e-6);
        Assert.Empty(s.Outliers);
    }

    [Fact]
    public void Compute_BadInput_ThrowsWithClearMessage()
    {
        var empty = Assert.Throws<ArgumentException>(() => SampleStatistics.Compute([]));
        Assert.Contains("at least one sample", empty.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SampleStatistics.Compute([1, double.NaN]));
        Assert.Throws<ArgumentException>(() => SampleStatistics.Compute([1, -0.5]));
    }
}
