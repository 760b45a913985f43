using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Tests.Statistics;

public sealed class StudentTTests
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
    [InlineData(1_000_000, 1.959966)]
    public void InverseCdf_TableValues_Match(double df, double expected)
    {
        Assert.Equal(expected, StudentT.InverseCdf(0.975, df), 1e-6);
        Assert.Equal(-expected, StudentT.InverseCdf(0.025, df), 1e-6);
        Assert.Equal(expected, StudentT.CriticalValue(0.95, df), 1e-6);
    }

    [Fact]
    public void Cdf_ClosedForms_Match()
    {
        // df = 1 is Cauchy: F(t) = 1/2 + atan(t)/π ; df = 2: F(t) = 1/2 + t / (2 √(2 + t²)).
        foreach (var t in new[] { -3.0, -0.4, 0, 1, 2.5 })
        {
            Assert.Equal(0.5 + (Math.Atan(t) / Math.PI), StudentT.Cdf(t, 1), 1e-12);
            Assert.Equal(0.5 + (t / (2 * Math.Sqrt(2 + (t * t)))), StudentT.Cdf(t, 2), 1e-12);
        }
    }

    // python3: 2 ∫_|t|^∞ pdf(x; df) dx by Simpson's rule on 200,000 intervals after x = |t| + u/(1-u).
    [Theory]
    [InlineData(2.0, 2.0, 0.1835034190722745)]
    [InlineData(2.0, 5.0, 0.10193947882985903)]
    [InlineData(-1.5, 10.0, 0.1645073264454381)]
    [InlineData(0.7, 3.5, 0.5276341423456711)]
    public void TwoSidedPValue_KnownValues_Match(double t, double df, double expected)
    {
        Assert.Equal(expected, StudentT.TwoSidedPValue(t, df), 1e-9);
    }

    [Fact]
    public void InverseCdf_RoundTripsThroughCdf()
    {
        foreach (var df in new[] { 1.0, 2.5, 7, 24.99, 300 })
        {
            foreach (var p in new[] { 0.001, 0.2, 0.5, 0.9, 0.9999 })
            {
                Assert.Equal(p, StudentT.Cdf(StudentT.InverseCdf(p, df), df), 1e-10);
            }
        }
    }

    [Theory]
    [InlineData(0.0, 5)]
    [InlineData(1.0, 5)]
    [InlineData(0.5, 0)]
    [InlineData(0.5, -2)]
    public void InverseCdf_OutOfDomain_Throws(double p, double df)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.InverseCdf(p, df));
    }
}
