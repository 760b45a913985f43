using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Statistics;

/// <summary>Turns a run's strategy repetitions into per-strategy statistics.</summary>
public static class RunStatistics
{
    /// <summary>
    /// Statistics per strategy, in the order strategies first appear in <paramref name="results"/>.
    /// Warmups (negative repetition) and cancelled repetitions are excluded; a strategy with none
    /// left still appears, with null <see cref="StrategyStatistics.Wall"/>. Speedups are against
    /// <see cref="StrategyIds.Sequential"/> when it has measurements.
    /// </summary>
    public static IReadOnlyList<StrategyStatistics> Compute(IEnumerable<StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var groups = results
            .GroupBy(r => r.Strategy, StringComparer.Ordinal)
            .Select(g => (Strategy: g.Key, Measured: g.Where(r => r.Repetition >= 0 && !r.Cancelled).ToArray()))
            .ToArray();

        var wall = groups.ToDictionary(
            g => g.Strategy,
            g => g.Measured.Length == 0 ? null : SampleStatistics.Compute(g.Measured.Select(r => r.WallSeconds)),
            StringComparer.Ordinal);
        var baseline = wall.GetValueOrDefault(StrategyIds.Sequential);

        var statistics = new List<StrategyStatistics>(groups.Length);
        foreach (var (strategy, measured) in groups)
        {
            var stats = wall[strategy];
            var speedup = baseline is not null && stats is not null && strategy != StrategyIds.Sequential
                ? Speedup.Of(baseline, stats)
                : null;
            var failed = measured.Sum(r => r.TasksFailed);
            var check = measured.Select(r => r.OutputCheck).FirstOrDefault(c => c != "ok") ?? "ok";
            var warnings = new List<string>(stats?.Warnings ?? []);
            if (measured.Length == 0)
            {
                warnings.Add("No measured repetition (all were warmups or cancelled).");
            }

            if (failed > 0)
            {
                warnings.Add($"{failed} task(s) failed.");
            }

            if (check != "ok")
            {
                warnings.Add($"Output check: {check}");
            }

            statistics.Add(new StrategyStatistics(
                strategy,
                measured.Length,
                stats,
                measured.Length == 0 ? null : measured.Average(r => r.CpuSeconds),
                measured.Length == 0 ? 0 : measured.Max(r => r.Lanes),
                measured.Sum(r => r.TasksOk),
                failed,
                check,
                speedup,
                warnings));
        }

        return statistics;
    }
}
