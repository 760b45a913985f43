using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Tests.Statistics;

public sealed class QuantilesTests
{
    // R: quantile(x, p, type = 7) (its default; NumPy's default too).
    [Theory]
    [InlineData(new[] { 3.0 }, 0.5, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 0.5, 3.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 0.5, 2.5)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 10.0 }, 0.9, 7.6)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 10.0 }, 0.25, 2.0)]
    [InlineData(new[] { 10.0, 20.0 }, 0.1, 11.0)]
    public void Quantile_KnownValues_MatchRType7(double[] values, double probability, double expected)
    {
        Assert.Equal(expected, Quantiles.Quantile(values, probability), 1e-12);
    }

    [Fact]
    public void Median_EvenCount_IsMeanOfTheMiddleTwo()
    {
        Assert.Equal(2.5, Quantiles.Median([4.0, 1.0, 3.0, 2.0]), 1e-12);
    }

    [Fact]
    public void Median_Nothing_Throws()
    {
        Assert.Throws<ArgumentException>(() => Quantiles.Median([]));
    }

    [Theory]
    [InlineData(154.64, "155 s")]
    [InlineData(10.134, "10.1 s")]
    [InlineData(1.4234, "1.42 s")]
    [InlineData(0.1042, "0.104 s")]
    [InlineData(0.0421, "42.1 ms")]
    [InlineData(0.00123, "1.23 ms")]
    [InlineData(0.09999999999999987, "0.100 s")]
    [InlineData(99.96, "100 s")]
    [InlineData(0, "0.00 ms")]
    public void SecondsText_Magnitudes_KeepThreeSignificantFigures(double seconds, string expected)
    {
        Assert.Equal(expected, SecondsText.Format(seconds));
    }
}
