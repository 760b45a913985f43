using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Compare;

namespace Dashboard.Web.Tests.Compare;

/// <summary>The Compare table is the one owner of run-to-run ratios: median(run) / median(baseline), with Welch's test.</summary>
public sealed class RunComparisonTableTests
{
    private static IReadOnlyList<StrategyStatistics> Run(params (string Strategy, double[] Walls)[] strategies) =>
        RunStatistics.Compute(strategies.SelectMany(s => s.Walls.Select((w, i) =>
            new StrategyResult(s.Strategy, i, w, w, 1, 1, 0, "ok", 0, []))));

    [Fact]
    public void Build_TwoRuns_RatioIsTheRunOverTheBaselineWithWelchsP()
    {
        // async: [2.0, 2.2, 2.1] then [1.0, 1.05, 0.95, 1.0]: the second run took 1.0 / 2.1 of the time,
        // Welch p = 0.00103 (python3 scipy.stats.ttest_ind(equal_var=False)).
        var baseline = Run(("async", [2.0, 2.2, 2.1]), ("threads", [1.0, 1.1]), ("sequential", [5.0]));
        var other = Run(("sequential", [5.1]), ("async", [1.0, 1.05, 0.95, 1.0]));

        var rows = RunComparisonTable.Build([(1, baseline), (2, other)]);

        Assert.Equal(["sequential", "threads", "async"], rows.Select(r => r.Strategy));
        var async = rows.Single(r => r.Strategy == "async").Others.Single();
        Assert.Equal(1.0 / 2.1, async.Ratio!.Value, 1e-12);
        Assert.Equal(0.0010329133837084761, async.PValue!.Value, 1e-8);
        Assert.Equal(RunComparisonTable.Significant, async.Verdict);
        var threads = rows.Single(r => r.Strategy == "threads").Others.Single();
        Assert.Equal(RunComparisonTable.NotMeasured, threads.Verdict);
        var sequential = rows.Single(r => r.Strategy == "sequential").Others.Single();
        Assert.Equal(RunComparisonTable.NotEnoughRepetitions, sequential.Verdict);
        Assert.Equal(5.1 / 5.0, sequential.Ratio!.Value, 1e-12);
    }
}
