using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Perfolizer.Mathematics.Multimodality;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// Turns a run's strategy repetitions into per-strategy statistics: the one statistics path
/// (rules on <see cref="StrategyStatistics"/>).
/// </summary>
public static class RunStatistics
{
    /// <summary>
    /// Fewest task durations the modality check looks at (BenchmarkDotNet's rule: the mvalue
    /// needs about 15 values before its histogram says anything).
    /// </summary>
    public const int MinTasksForModality = 15;

    /// <summary>
    /// Most task durations the modality check reads; above this it reads an even stride of the
    /// sorted durations, which keeps the shape of the distribution and the live page cheap.
    /// </summary>
    public const int MaxTasksForModality = 5_000;

    /// <summary>
    /// mvalue (Brendan Gregg's measure, computed by Perfolizer's <see cref="MValueCalculator"/>)
    /// above which task durations are reported as bimodal; above <see cref="MultimodalMValue"/>
    /// as multimodal. These are BenchmarkDotNet's thresholds (a unimodal distribution scores about 2).
    /// </summary>
    public const double BimodalMValue = 3.2;

    /// <summary>See <see cref="BimodalMValue"/>.</summary>
    public const double MultimodalMValue = 4.2;

    /// <summary>
    /// Statistics per strategy, in the order strategies first appear in <paramref name="results"/>.
    /// Warmups (negative repetition) and cancelled repetitions are excluded; a strategy with none
    /// left still appears, with null <see cref="StrategyStatistics.Wall"/>. Speedups are against
    /// <see cref="StrategyCatalog.Baseline"/> (sequential) of the same runtime when it has measurements (a Python
    /// twin against Python's sequential, <see cref="PythonTwins"/>).
    /// </summary>
    public static IReadOnlyList<StrategyStatistics> Compute(IEnumerable<StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var groups = results
            .GroupBy(r => r.Strategy, StringComparer.Ordinal)
            .Select(g => (
                Strategy: g.Key,
                Measured: g.Where(r => r.IsMeasured).ToArray(),
                Cancelled: g.Count(r => !r.IsWarmup && r.Cancelled)))
            .ToArray();

        var wall = groups.ToDictionary(
            g => g.Strategy,
            g => g.Measured.Length == 0 ? null : SampleStatistics.Compute(g.Measured.Select(r => r.WallSeconds)),
            StringComparer.Ordinal);
        string BaselineOf(string strategy) =>
            PythonTwins.IsTwinKey(strategy) ? PythonTwins.Key(StrategyCatalog.Baseline.Id) : StrategyCatalog.Baseline.Id;

        var statistics = new List<StrategyStatistics>(groups.Length);
        foreach (var (strategy, measured, cancelled) in groups)
        {
            var stats = wall[strategy];
            var baseline = wall.GetValueOrDefault(BaselineOf(strategy));
            var speedup = baseline is not null && stats is not null && strategy != BaselineOf(strategy)
                ? Speedup.Of(baseline, stats)
                : null;
            var failed = measured.Sum(r => r.TasksFailed);
            var check = measured.Select(r => r.OutputCheck).FirstOrDefault(c => c != "ok") ?? "ok";
            var mValue = TaskDurationMValue(measured);
            var warnings = new List<string>(stats?.Warnings ?? []);
            if (measured.Length == 0)
            {
                warnings.Add("No measured repetition (all were warmups or cancelled).");
            }
            else if (cancelled > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{cancelled} cancelled repetition(s) left out."));
            }

            if (mValue > MultimodalMValue)
            {
                warnings.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Task durations look multimodal (mvalue = {mValue:0.##}): some tasks take much longer than others, so the median hides groups."));
            }
            else if (mValue > BimodalMValue)
            {
                warnings.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Task durations look bimodal (mvalue = {mValue:0.##}): two groups of tasks take clearly different times."));
            }

            if (failed > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{failed:N0} task{(failed == 1 ? "" : "s")} failed."));
            }

            if (check != "ok")
            {
                warnings.Add($"Output check: {check}");
            }

            statistics.Add(new StrategyStatistics(
                strategy,
                measured.Length,
                cancelled,
                stats,
                measured.Length == 0 ? null : Quantiles.Median(measured.Select(r => r.CpuSeconds)),
                measured.Length == 0 ? 0 : measured.Max(r => r.Lanes),
                measured.Sum(r => r.TasksOk),
                failed,
                check,
                speedup,
                mValue,
                warnings)
            {
                TimeSplit = TimeSplit.Mean(measured),
                RuntimeEvents = measured.Select(r => r.RuntimeEvents).OfType<RuntimeEvents>().Aggregate((RuntimeEvents?)null, (all, one) => all is null ? one : all.Plus(one)),
            });
        }

        return statistics;
    }

    /// <summary>The mvalue of the successful tasks' durations over <paramref name="measured"/>, or null with too few.</summary>
    internal static double? TaskDurationMValue(IReadOnlyList<StrategyResult> measured)
    {
        var durations = measured
            .SelectMany(r => SpanFacts.Of(r).OkDurations)
            .Where(d => double.IsFinite(d) && d >= 0)
            .ToArray();
        if (durations.Length < MinTasksForModality)
        {
            return null;
        }

        Array.Sort(durations);
        if (durations[0] == durations[^1])
        {
            // All equal: one mode, and no histogram to build.
            return null;
        }

        if (durations.Length > MaxTasksForModality)
        {
            var stride = (double)durations.Length / MaxTasksForModality;
            durations = Enumerable.Range(0, MaxTasksForModality).Select(i => durations[(int)(i * stride)]).ToArray();
        }

        return MValueCalculator.Calculate(durations);
    }
}
