using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Tests.Statistics;

public sealed class RunComparisonTests
{
    private static IReadOnlyList<StrategyStatistics> Run(params (string Strategy, double[] Walls)[] strategies) =>
        RunStatistics.Compute(strategies.SelectMany(s => s.Walls.Select((w, i) =>
            new StrategyResult(s.Strategy, i, w, w, 1, 1, 0, "ok", 0, []))));

    [Fact]
    public void Compare_CommonStrategies_RatioAndWelchPerStrategy()
    {
        // async: [2.0, 2.2, 2.1] vs [1.0, 1.05, 0.95, 1.0] -> ratio 2.1 ± 0.0719, Welch p = 0.00103 (see
        // SpeedupTests / WelchTestTests for the python3 figures). threads only in one run: left out.
        var baseline = Run(("async", [2.0, 2.2, 2.1]), ("threads", [1.0, 1.1]), ("sequential", [5.0]));
        var other = Run(("sequential", [5.1]), ("async", [1.0, 1.05, 0.95, 1.0]));

        var comparisons = RunComparison.Compare(baseline, other);

        Assert.Equal(["async", "sequential"], comparisons.Select(c => c.Strategy));
        var async = comparisons[0];
        Assert.Equal(2.1, async.Ratio!.Ratio, 1e-12);
        Assert.Equal(0.07190850668268214, async.Ratio.Error!.Value, 1e-12);
        Assert.Equal(0.0010329133837084761, async.Test.PValue!.Value, 1e-8);
        Assert.True(async.Test.IsSignificant);
        var sequential = comparisons[1];
        Assert.False(sequential.Test.IsApplicable);
        Assert.Equal(5.0 / 5.1, sequential.Ratio!.Ratio, 1e-12);
    }
}
