using Dashboard.Engine.Statistics;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Dashboard.Engine.Tests.Statistics;

/// <summary>
/// The Student t figures the statistics rely on, now from Perfolizer, checked against textbook
/// tables and closed forms so a library upgrade that changed them would show here.
/// </summary>
public sealed class StudentDistributionTests
{
    // Two-sided 95% critical values t(0.975, df) as printed in statistical tables (R: qt(0.975, df)).
    [Theory]
    [InlineData(1, 12.706204736)]
    [InlineData(2, 4.302652730)]
    [InlineData(3, 3.182446305)]
    [InlineData(4, 2.776445105)]
    [InlineData(5, 2.570581836)]
    [InlineData(10, 2.228138852)]
    [InlineData(20, 2.085963447)]
    [InlineData(30, 2.042272456)]
    [InlineData(100, 1.983971519)]
    public void Quantile_TableValues_Match(double df, double expected)
    {
        Assert.Equal(expected, new StudentDistribution(df).Quantile(0.975), 1e-6);
        Assert.Equal(-expected, new StudentDistribution(df).Quantile(0.025), 1e-6);
    }

    [Fact]
    public void Cdf_ClosedForms_Match()
    {
        // Perfolizer's incomplete beta is good to about 1e-9 here (the old hand-written one to 1e-12),
        // far below anything a p-value or interval shows.
        // df = 1 is Cauchy: F(t) = 1/2 + atan(t)/π ; df = 2: F(t) = 1/2 + t / (2 √(2 + t²)).
        foreach (var t in new[] { -3.0, -0.4, 0, 1, 2.5 })
        {
            Assert.Equal(0.5 + (Math.Atan(t) / Math.PI), new StudentDistribution(1).Cdf(t), 1e-8);
            Assert.Equal(0.5 + (t / (2 * Math.Sqrt(2 + (t * t)))), new StudentDistribution(2).Cdf(t), 1e-8);
        }
    }

    // Two-sided p-values 2 · F(-|t|), R: 2 * pt(-abs(t), df).
    [Theory]
    [InlineData(2.0, 2.0, 0.1835034190722745)]
    [InlineData(2.0, 5.0, 0.10193947882985903)]
    [InlineData(-1.5, 10.0, 0.1645073264454381)]
    [InlineData(0.7, 3.5, 0.5276341423456711)]
    public void TwoSidedPValue_KnownValues_Match(double t, double df, double expected)
    {
        Assert.Equal(expected, 2 * new StudentDistribution(df).Cdf(-Math.Abs(t)), 1e-8);
    }

    [Fact]
    public void ConfidenceInterval_FiveSamples_UsesTQuantileWithFourDegreesOfFreedom()
    {
        // mean 3, s = √2.5, SE = s/√5; the half-width is t(0.975, 4) = 2.776445 standard errors.
        var stats = SampleStatistics.Compute([1.0, 2, 3, 4, 5]);
        var standardError = Math.Sqrt(2.5) / Math.Sqrt(5);
        Assert.Equal(3 - (2.776445105 * standardError), stats.ConfidenceLow!.Value, 1e-6);
        Assert.Equal(3 + (2.776445105 * standardError), stats.ConfidenceHigh!.Value, 1e-6);
    }
}
