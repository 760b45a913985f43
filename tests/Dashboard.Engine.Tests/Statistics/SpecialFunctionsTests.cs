using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Tests.Statistics;

public sealed class SpecialFunctionsTests
{
    // Expected values: python3 math.lgamma.
    [Theory]
    [InlineData(0.5, 0.5723649429247004)]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(10.0, 12.801827480081467)]
    [InlineData(100.5, 361.4355404677776)]
    [InlineData(0.1, 2.2527126517342055)]
    public void LogGamma_KnownArguments_MatchesReference(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-12);
    }

    // For integer a, b: I_x(a, b) = P(Binomial(a + b - 1, x) >= a), summed exactly in python3 with
    // fractions.Fraction: sum(comb(n, j) x^j (1-x)^(n-j) for j in a..n).
    [Theory]
    [InlineData(2, 3, 0.4, 0.5248)]
    [InlineData(50, 60, 0.5, 0.8309072939016694)]
    [InlineData(5, 10, 0.3, 0.41579881378065)]
    [InlineData(200, 150, 0.55, 0.2084878008596249)]
    public void RegularizedIncompleteBeta_IntegerArguments_MatchesBinomialSum(double a, double b, double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.RegularizedIncompleteBeta(a, b, x), 1e-12);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.93)]
    public void RegularizedIncompleteBeta_ClosedForms_Match(double x)
    {
        // I_x(1, b) = 1 - (1 - x)^b ; I_x(a, 1) = x^a ; I_0.5(a, a) = 1/2.
        Assert.Equal(1 - Math.Pow(1 - x, 3.7), SpecialFunctions.RegularizedIncompleteBeta(1, 3.7, x), 1e-13);
        Assert.Equal(Math.Pow(x, 2.5), SpecialFunctions.RegularizedIncompleteBeta(2.5, 1, x), 1e-13);
        Assert.Equal(0.5, SpecialFunctions.RegularizedIncompleteBeta(7.3, 7.3, 0.5), 1e-13);
    }

    [Fact]
    public void RegularizedIncompleteBeta_Endpoints_AreZeroAndOne()
    {
        Assert.Equal(0, SpecialFunctions.RegularizedIncompleteBeta(2, 3, 0));
        Assert.Equal(1, SpecialFunctions.RegularizedIncompleteBeta(2, 3, 1));
    }

    [Theory]
    [InlineData(0, 1, 0.5)]
    [InlineData(1, -1, 0.5)]
    [InlineData(1, 1, 1.5)]
    [InlineData(1, 1, double.NaN)]
    public void RegularizedIncompleteBeta_OutOfDomain_Throws(double a, double b, double x)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.RegularizedIncompleteBeta(a, b, x));
    }
}
