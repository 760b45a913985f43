using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Explain;

/// <summary>The live page's and the explainer's view of <see cref="RunStatistics"/>, in the dashboard's strategy order.</summary>
public static class RunFigures
{
    /// <summary>Figures per strategy, from <see cref="RunStatistics.Compute"/> (its rules, none of its own).</summary>
    public static IReadOnlyList<StrategyFigures> Summarize(IEnumerable<StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var measured = results.Where(r => !r.IsWarmup).ToList();
        return Summarize(RunStatistics.Compute(measured), measured);
    }

    /// <summary>
    /// Figures from statistics already computed over <paramref name="results"/>: a strategy that
    /// has only warmups is left out, as <see cref="Summarize(IEnumerable{StrategyResult})"/> does.
    /// </summary>
    public static IReadOnlyList<StrategyFigures> Summarize(IReadOnlyList<StrategyStatistics> statistics, IEnumerable<StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(results);
        var measured = results.Where(r => !r.IsWarmup).ToList();
        return statistics
            .Where(s => measured.Any(r => r.Strategy == s.Strategy))
            .OrderBy(s => StrategyCatalog.Order(s.Strategy))
            .Select(s => Figures(s, measured.Where(r => r.Strategy == s.Strategy).ToList()))
            .ToList();
    }

    /// <summary>Figures from one strategy's statistics; <paramref name="repetitions"/> only for task durations and the all-cancelled case.</summary>
    public static StrategyFigures Figures(StrategyStatistics statistics, IReadOnlyList<StrategyResult> repetitions)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(repetitions);
        var cancelled = statistics.CancelledRepetitions > 0;
        if (statistics.Wall is not { } wall)
        {
            // Nothing measured: show how far the cancelled repetitions got, marked cancelled.
            var partial = repetitions.Count == 0 ? [0.0] : repetitions.Select(r => r.WallSeconds).ToList();
            return new StrategyFigures(
                statistics.Strategy,
                repetitions.Count,
                Quantiles.Median(partial),
                partial.Min(),
                partial.Max(),
                repetitions.Count == 0 ? 0 : Quantiles.Median(repetitions.Select(r => r.CpuSeconds)),
                repetitions.Count == 0 ? 0 : repetitions.Max(r => r.Lanes),
                repetitions.Sum(r => r.TasksOk),
                repetitions.Sum(r => r.TasksFailed),
                "cancelled",
                true,
                null,
                TaskSeconds(repetitions),
                statistics.TaskDurationMValue,
                statistics.Warnings);
        }

        return new StrategyFigures(
            statistics.Strategy,
            statistics.Repetitions,
            wall.Median,
            wall.Min,
            wall.Max,
            statistics.MedianCpuSeconds ?? 0,
            statistics.MaxLanes,
            statistics.TasksOk,
            statistics.TasksFailed,
            statistics.OutputCheck,
            cancelled,
            statistics.Speedup?.Ratio,
            TaskSeconds(repetitions.Where(r => !r.Cancelled)),
            statistics.TaskDurationMValue,
            statistics.Warnings)
        {
            ConfidenceLow = wall.ConfidenceLow,
            ConfidenceHigh = wall.ConfidenceHigh,
            StartupSeconds = Startup(repetitions.Where(r => !r.Cancelled)),
            TaskCpuSeconds = Engine.Findings.RunShape.TaskCpuSeconds(repetitions.Where(r => !r.Cancelled)),
        };
    }

    private static double Startup(IEnumerable<StrategyResult> repetitions) => Engine.Findings.RunShape.StartupSeconds(repetitions) ?? 0;

    private static List<double> TaskSeconds(IEnumerable<StrategyResult> repetitions) => repetitions
        .SelectMany(r => SpanFacts.Of(r).OkDurations)
        .ToList();
}
