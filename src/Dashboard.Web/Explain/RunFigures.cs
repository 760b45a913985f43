using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Explain;

/// <summary>Turns a run's strategy results into per-strategy figures (medians, speedups).</summary>
public static class RunFigures
{
    /// <summary>
    /// Figures per strategy in the dashboard's strategy order. Warmups (negative repetitions) are
    /// left out; ok/failed counts are summed over repetitions so a failure in any of them shows.
    /// </summary>
    public static IReadOnlyList<StrategyFigures> Summarize(IEnumerable<StrategyResult> results)
    {
        var measured = results.Where(r => r.Repetition >= 0).ToList();
        var byStrategy = measured
            .GroupBy(r => r.Strategy, StringComparer.Ordinal)
            .OrderBy(g => Order(g.Key))
            .ToList();

        double? sequentialMedian = byStrategy
            .Where(g => g.Key == StrategyIds.Sequential && g.Any(r => !r.Cancelled))
            .Select(g => (double?)Median(g.Where(r => !r.Cancelled).Select(r => r.WallSeconds)))
            .FirstOrDefault();

        var figures = new List<StrategyFigures>(byStrategy.Count);
        foreach (var group in byStrategy)
        {
            var reps = group.OrderBy(r => r.Repetition).ToList();
            // A cancelled repetition's wall time is only how far it got: it must not set the median.
            var timed = reps.Where(r => !r.Cancelled).ToList();
            var walls = (timed.Count > 0 ? timed : reps).Select(r => r.WallSeconds).ToList();
            var median = Median(walls);
            double? speedup = sequentialMedian is { } seq && median > 0 && timed.Count > 0 ? seq / median : null;
            var checks = reps.Select(r => r.OutputCheck).Where(c => c != "ok").Distinct(StringComparer.Ordinal).ToList();
            figures.Add(new StrategyFigures(
                group.Key,
                reps.Count,
                median,
                walls.Min(),
                walls.Max(),
                Median((timed.Count > 0 ? timed : reps).Select(r => r.CpuSeconds).ToList()),
                reps.Max(r => r.Lanes),
                reps.Sum(r => r.TasksOk),
                reps.Sum(r => r.TasksFailed),
                checks.Count == 0 ? "ok" : string.Join(" ", checks),
                reps.Any(r => r.Cancelled),
                speedup,
                reps.SelectMany(r => r.Spans)
                    .Where(s => s.Status == Engine.Running.TaskStatus.Ok)
                    .Select(s => s.End - s.Start)
                    .ToList()));
        }

        return figures;
    }

    /// <summary>The median of a non-empty list (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double Median(IEnumerable<double> values) => Median(values.ToList());

    /// <summary>The q-quantile (0..1) of sorted values, linear between neighbours.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var pos = q * (sorted.Count - 1);
        var low = (int)Math.Floor(pos);
        var high = (int)Math.Ceiling(pos);
        return sorted[low] + ((sorted[high] - sorted[low]) * (pos - low));
    }

    private static int Order(string strategy)
    {
        var index = -1;
        for (var i = 0; i < StrategyIds.All.Count; i++)
        {
            if (StrategyIds.All[i] == strategy)
            {
                index = i;
            }
        }

        return index < 0 ? int.MaxValue : index;
    }
}
