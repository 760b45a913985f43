using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Tests.Statistics;

public sealed class WelchTestTests
{
    // Wikipedia "Welch's t-test", example 1 data; python3: t = -2.455356398286006,
    // df = 24.98852929023142, p = 0.02137800146286604 (Simpson integral of the t density).
    private static readonly double[] A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    private static readonly double[] A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

    [Fact]
    public void Compare_WikipediaExample_MatchesReference()
    {
        var test = WelchTest.Compare(SampleStatistics.Compute(A1), SampleStatistics.Compute(A2));

        Assert.True(test.IsApplicable);
        Assert.Equal(-2.455356398286006, test.T!.Value, 1e-10);
        Assert.Equal(24.98852929023142, test.DegreesOfFreedom!.Value, 1e-9);
        Assert.Equal(0.02137800146286604, test.PValue!.Value, 1e-8);
        Assert.True(test.IsSignificant);
        Assert.StartsWith("Significant", test.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_UnequalSizesAndVariances_MatchesReference()
    {
        // python3: [2.0, 2.2, 2.1] vs [1.0, 1.05, 0.95, 1.0]: t = 17.96292478040996,
        // df = 2.5051546391752577, p = 0.0010329133837084761.
        var test = WelchTest.Compare(SampleStatistics.Compute([2.0, 2.2, 2.1]), SampleStatistics.Compute([1.0, 1.05, 0.95, 1.0]));

        Assert.Equal(17.96292478040996, test.T!.Value, 1e-10);
        Assert.Equal(2.5051546391752577, test.DegreesOfFreedom!.Value, 1e-10);
        Assert.Equal(0.0010329133837084761, test.PValue!.Value, 1e-8);
        Assert.True(test.IsSignificant);
    }

    [Fact]
    public void Compare_OverlappingSamples_IsNotSignificant()
    {
        // python3: t = 0 exactly (same mean), p = 1.
        var test = WelchTest.Compare(SampleStatistics.Compute([1.0, 1.2, 1.1]), SampleStatistics.Compute([0.9, 1.3, 1.1]));

        Assert.Equal(0, test.T!.Value, 1e-12);
        Assert.Equal(1, test.PValue!.Value, 1e-12);
        Assert.False(test.IsSignificant);
        Assert.StartsWith("Not significant", test.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SingleRepetition_IsNotApplicable()
    {
        var test = WelchTest.Compare(SampleStatistics.Compute([1.0]), SampleStatistics.Compute([2.0, 2.1]));

        Assert.False(test.IsApplicable);
        Assert.Null(test.PValue);
        Assert.False(test.IsSignificant);
        Assert.Contains("Not enough repetitions", test.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ConstantDifferentSamples_IsSignificantWithoutT()
    {
        var test = WelchTest.Compare(SampleStatistics.Compute([1.0, 1.0]), SampleStatistics.Compute([2.0, 2.0, 2.0]));

        Assert.True(test.IsApplicable);
        Assert.Null(test.T);
        Assert.Equal(0, test.PValue);
        Assert.True(test.IsSignificant);
    }
}
