namespace Dashboard.Engine.Statistics;

/// <summary>Compares two runs strategy by strategy, from their stored statistics (no raw samples needed).</summary>
public static class RunComparison
{
    /// <summary>
    /// The strategies both runs measured, in <paramref name="baseline"/>'s order: the ratio of
    /// their median wall times with its error, and whether the means differ significantly (Welch).
    /// </summary>
    public static IReadOnlyList<StrategyComparison> Compare(
        IReadOnlyList<StrategyStatistics> baseline,
        IReadOnlyList<StrategyStatistics> other)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(other);
        var others = other.Where(s => s.Wall is not null).ToDictionary(s => s.Strategy, s => s.Wall!, StringComparer.Ordinal);
        return baseline
            .Where(s => s.Wall is not null && others.ContainsKey(s.Strategy))
            .Select(s => new StrategyComparison(
                s.Strategy,
                s.Wall!,
                others[s.Strategy],
                Speedup.Of(s.Wall!, others[s.Strategy]),
                WelchTest.Compare(s.Wall!, others[s.Strategy])))
            .ToArray();
    }
}
