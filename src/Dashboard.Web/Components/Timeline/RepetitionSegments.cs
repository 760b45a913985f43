using Dashboard.Engine.Running;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// One strategy's warm-ups and repetitions as the race draws them under its track, in the order
/// they run (warm-up 1, 2..., then repetition 1, 2...): how much of each is done, and its wall
/// time once it ended. Repetitions interleave across strategies, so at most one is current.
/// </summary>
public static class RepetitionSegments
{
    /// <summary>The segments of <paramref name="progress"/>'s strategy.</summary>
    public static IReadOnlyList<RepetitionSegment> Of(StrategyProgress progress, RunPlan plan, IReadOnlyList<StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var count = plan.Repeat + plan.Warmup;
        var perRepetition = count == 0 ? 0 : progress.Total / count;
        var ended = results.Where(r => r.Strategy == progress.Strategy)
            .GroupBy(r => r.Repetition).ToDictionary(g => g.Key, g => g.First());
        var endedDone = ended.Values.Sum(r => r.TasksOk + r.TasksFailed);
        var segments = new List<RepetitionSegment>(count);
        foreach (var repetition in Enumerable.Range(1, plan.Warmup).Select(w => -w).Concat(Enumerable.Range(0, plan.Repeat)))
        {
            var name = repetition < 0
                ? plan.Warmup == 1 ? "warm-up" : $"warm-up {-repetition}"
                : $"repetition {repetition + 1}";
            var label = repetition < 0 ? (plan.Warmup == 1 ? "warm-up" : $"warm-up {-repetition}") : $"#{repetition + 1}";
            if (ended.TryGetValue(repetition, out var result))
            {
                var done = result.TasksOk + result.TasksFailed;
                var state = result.Cancelled ? "cancelled" : "done";
                segments.Add(new(repetition, $"{label} · {Fmt.Seconds(result.WallSeconds)}",
                    $"{name}: {Fmt.Seconds(result.WallSeconds)}{(result.Cancelled ? ", cancelled" : "")}, {Fmt.Plural(done, "task", "tasks")}",
                    Percent(done, perRepetition), Percent(result.TasksOk, perRepetition), state, false));
            }
            else if (progress.Phase == StrategyPhase.Running && progress.EndedWallMs is null && progress.Repetition == repetition)
            {
                var done = Math.Max(0, progress.Done - endedDone);
                var failed = Math.Max(0, progress.Failed - ended.Values.Sum(r => r.TasksFailed));
                segments.Add(new(repetition, label, $"{name}: running, {Fmt.Count(done)} of {Fmt.Plural(perRepetition, "task", "tasks")} done",
                    Percent(done, perRepetition), Percent(done - failed, perRepetition), "running", true));
            }
            else
            {
                segments.Add(new(repetition, label, $"{name}: {(progress.Phase is StrategyPhase.Cancelled or StrategyPhase.Skipped ? "did not run" : "waiting")}",
                    0, 0, "waiting", false));
            }
        }

        return segments;
    }

    private static double Percent(int part, int whole) => whole <= 0 ? 0 : Math.Min(100, 100.0 * part / whole);
}
