using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Tests.Statistics;

public sealed class ScalingSweepTests
{
    private static StrategyResult Result(string strategy, double wall) =>
        new(strategy, 0, wall, wall, 1, 1, 0, "ok", 0, []);

    [Fact]
    public void Compute_SweepWithSizeOne_SpeedupsAgainstSizeOneAndFits()
    {
        // f = 0.2: T(n) = 0.2 + 0.8 / n seconds.
        var statistics = RunStatistics.Compute(
        [
            Result(StrategyIds.Sequential, 5),
            Result(StrategySizes.Key(StrategyIds.ThreadPool, 4), 0.4),
            Result(StrategySizes.Key(StrategyIds.ThreadPool, 1), 1.0),
            Result(StrategySizes.Key(StrategyIds.ThreadPool, 2), 0.6),
            Result(StrategyIds.Async, 0.1),
        ]);

        var curve = Assert.Single(ScalingSweep.Compute(statistics));

        Assert.Equal(StrategyIds.ThreadPool, curve.Strategy);
        Assert.Equal(ScalingSweep.SizeOneBaseline, curve.Baseline);
        Assert.Equal([1, 2, 4], curve.Points.Select(p => p.Size));
        Assert.Equal(["threadpool@1", "threadpool@2", "threadpool@4"], curve.Points.Select(p => p.Key));
        Assert.Equal([1, 1 / 0.6, 2.5], curve.Points.Select(p => p.Speedup!.Ratio), new ToleranceComparer(1e-9));
        Assert.Equal(0.2, curve.Fit!.SerialFraction, 1e-6);
        Assert.Equal(5, curve.Fit.SpeedupLimit!.Value, 1e-4);
    }

    [Fact]
    public void Compute_SweepWithoutSizeOne_SpeedupsAgainstSequential()
    {
        var statistics = RunStatistics.Compute(
        [
            Result(StrategyIds.Sequential, 2),
            Result(StrategySizes.Key(StrategyIds.Parallel, 2), 1),
            Result(StrategySizes.Key(StrategyIds.Parallel, 4), 0.5),
        ]);

        var curve = Assert.Single(ScalingSweep.Compute(statistics));

        Assert.Equal(ScalingSweep.SequentialBaseline, curve.Baseline);
        Assert.Equal([2.0, 4.0], curve.Points.Select(p => p.Speedup!.Ratio));
        Assert.Null(curve.Fit!.SpeedupLimit);
    }

    [Fact]
    public void Compute_NoBaseline_NoSpeedupsNoFit()
    {
        var statistics = RunStatistics.Compute(
        [
            Result(StrategySizes.Key(StrategyIds.Processes, 2), 1),
            Result(StrategySizes.Key(StrategyIds.Processes, 4), 0.5),
        ]);

        var curve = Assert.Single(ScalingSweep.Compute(statistics));

        Assert.Null(curve.Baseline);
        Assert.All(curve.Points, p => Assert.Null(p.Speedup));
        Assert.Null(curve.Fit);
    }

    [Fact]
    public void Compute_NoSweep_IsEmpty()
    {
        Assert.Empty(ScalingSweep.Compute(RunStatistics.Compute([Result(StrategyIds.ThreadPool, 1), Result(StrategyIds.Sequential, 2)])));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
