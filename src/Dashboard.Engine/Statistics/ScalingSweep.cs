using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// A run's scaling sweep, read from its statistics (<see cref="RunStatistics.Compute"/>): per sized
/// strategy, the sweep points (<see cref="StrategySizes.Key"/>) in size order with their medians and
/// speedups, and Amdahl's law fitted to those speedups (<see cref="AmdahlFit"/>). The one place
/// every view (bench, live page, Explain, exports) gets a sweep from.
/// </summary>
public static class ScalingSweep
{
    /// <summary>Speedups are against the strategy's own size-1 point: the sweep has size 1.</summary>
    public const string SizeOneBaseline = "size 1";

    /// <summary>Speedups are against sequential (<see cref="StrategyCatalog.Baseline"/>): the sweep has no size 1, the run has sequential.</summary>
    public static string SequentialBaseline { get; } = StrategyCatalog.Baseline.Id;

    /// <summary>
    /// One curve per sized strategy with sweep points in <paramref name="statistics"/>, in the
    /// dashboard's strategy order. Speedups (<see cref="Speedup.Of"/>) are against the strategy's
    /// size-1 point when it was measured (the baseline Amdahl's law assumes), else against
    /// sequential when the run has it, else there are none and no fit.
    /// </summary>
    public static IReadOnlyList<ScalingCurve> Compute(IReadOnlyList<StrategyStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var sequential = statistics.FirstOrDefault(s => s.Strategy == StrategyCatalog.Baseline.Id)?.Wall;
        var points = statistics
            .Select(s => (Stats: s, Parsed: StrategySizes.TryParse(s.Strategy, out var strategy, out var size), Strategy: strategy, Size: size))
            .Where(p => p.Parsed)
            .ToList();
        var curves = new List<ScalingCurve>();
        foreach (var strategy in StrategySizes.Sized)
        {
            var mine = points.Where(p => p.Strategy == strategy).OrderBy(p => p.Size).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            var one = mine.FirstOrDefault(p => p.Size == 1 && p.Stats.Wall is not null).Stats?.Wall;
            SampleStatistics? baseline = one ?? sequential;
            string? baselineName = one is not null ? SizeOneBaseline : sequential is not null ? SequentialBaseline : null;
            var sweep = mine
                .Select(p => new ScalingPoint(
                    p.Stats.Strategy,
                    p.Size,
                    p.Stats.Wall?.Median,
                    baseline is not null && p.Stats.Wall is { } wall ? Speedup.Of(baseline, wall) : null))
                .ToList();
            var fit = AmdahlFit.Fit([.. sweep.Where(p => p.Speedup is not null).Select(p => ((double)p.Size, p.Speedup!.Ratio))]);
            curves.Add(new ScalingCurve(strategy, baselineName, sweep, fit));
        }

        return curves;
    }
}
