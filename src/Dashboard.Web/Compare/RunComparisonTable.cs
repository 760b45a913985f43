using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Compare;

/// <summary>
/// Builds the Compare page's ratio table from each run's statistics: per strategy, run X's median
/// wall time over the baseline's (the first run), and Welch's t-test of their wall times.
/// </summary>
public static class RunComparisonTable
{
    public const string NotEnoughRepetitions = "not enough repetitions";
    public const string NotMeasured = "not measured";
    public const string Significant = "significant";
    public const string NotSignificant = "not significant";

    /// <param name="runs">Each run's id and statistics, the baseline first.</param>
    public static IReadOnlyList<CompareRow> Build(IReadOnlyList<(long Id, IReadOnlyList<StrategyStatistics> Statistics)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return [];
        }

        var walls = runs.Select(r => r.Statistics
            .Where(s => s.Wall is not null)
            .ToDictionary(s => s.Strategy, s => s.Wall!, StringComparer.Ordinal)).ToArray();
        var strategies = Strategies(runs.Select(r => r.Statistics.Select(s => s.Strategy)));
        var baseline = walls[0];
        return strategies.Select(strategy =>
        {
            var a = baseline.GetValueOrDefault(strategy);
            var others = runs.Skip(1).Select((run, i) => Ratio(run.Id, a, walls[i + 1].GetValueOrDefault(strategy))).ToArray();
            return new CompareRow(strategy, a?.Median, others);
        }).ToArray();
    }

    /// <summary>Every strategy any run measured, in the dashboard's order (unknown ids last, as met).</summary>
    public static IReadOnlyList<string> Strategies(IEnumerable<IEnumerable<string>> perRun)
    {
        var seen = perRun.SelectMany(s => s).Distinct(StringComparer.Ordinal).ToList();
        return [.. StrategyCatalog.Ids.Where(seen.Contains), .. seen.Where(s => !StrategyCatalog.IsKnown(s))];
    }

    private static RunRatio Ratio(long runId, SampleStatistics? a, SampleStatistics? b)
    {
        if (a is null || b is null)
        {
            return new RunRatio(runId, b?.Median, null, false, false, null, NotMeasured);
        }

        double? ratio = a.Median > 0 ? b.Median / a.Median : null;
        var test = WelchTest.Compare(a, b);
        if (!test.IsApplicable)
        {
            return new RunRatio(runId, b.Median, ratio, false, false, null, NotEnoughRepetitions);
        }

        return new RunRatio(runId, b.Median, ratio, true, test.IsSignificant, test.PValue,
            test.IsSignificant ? Significant : NotSignificant);
    }
}
