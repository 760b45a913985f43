using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Findings;

/// <summary>
/// <c>pool-starvation</c>: while a .NET strategy's typical repetition ran, the runtime itself said
/// it added pool threads because of starvation (the thread-pool adjustment event with reason 6,
/// <see cref="PoolAdjustmentReason.Starvation"/>, from <see cref="RuntimeEvents"/>).
/// </summary>
public sealed class PoolStarvationFinder : IFinder
{
    public FindingRule Rule { get; } = new(
        FindingIds.PoolStarvation,
        "Thread pool starvation",
        FindingSeverity.Warning,
        "The .NET runtime reported that it added thread-pool threads because of starvation (the adjustment event's reason 6) while the strategy ran.",
        "The pool keeps about one thread per core and adds more only slowly (roughly one or two a second) when queued work makes no progress. " +
        "Work that blocks pool threads (a synchronous wait, a blocking call, .Result) leaves queued items waiting for a thread, and the runtime " +
        "reports each thread it adds for that reason as starvation.",
        "Find what blocks the pool threads and make it await instead; a blocking call that cannot be avoided belongs on a thread of its own. " +
        "Raising the pool's minimum threads hides the symptom and costs memory.");

    public IEnumerable<Finding> Find(FindingInput run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var statistics in run.Statistics)
        {
            var key = statistics.Strategy;
            if (PythonTwins.IsTwinKey(key) || !TasksUsePool(key) || run.Typical(key) is not { RuntimeEvents: { Starvations: > 0 } events } typical)
            {
                continue;
            }

            var starved = events.Adjustments.Where(a => a.Reason == PoolAdjustmentReason.Starvation).ToList();
            var peak = events.Adjustments.Max(a => a.Threads);
            var figures = new Dictionary<string, double>
            {
                ["starvationAdjustments"] = starved.Count,
                ["firstAtSeconds"] = starved[0].T,
                ["poolThreadsPeak"] = peak,
                ["wallSeconds"] = typical.WallSeconds,
            };
            var text = string.Create(CultureInfo.InvariantCulture,
                $"The runtime added pool threads {starved.Count:N0} time{(starved.Count == 1 ? "" : "s")} because of starvation (first at {SecondsText.Format(starved[0].T)}, up to {peak:N0} threads): queued work was waiting for a free pool thread.");
            yield return run.Make(Rule.Id, Rule.Severity, key, figures, text, Math.Min(1, starved.Count / 10.0));
        }
    }

    /// <summary>
    /// Whether the strategy's tasks run on pool threads. Tasks on threads of their own (one after
    /// another on one thread, a thread per task, threads taking turns on a lock) cannot starve the
    /// pool: an adjustment while they ran came from the lab's own work or the machine's load
    /// (the pool's detector also fires when busy cores keep its threads from running for 0.5 s).
    /// </summary>
    private static bool TasksUsePool(string key) =>
        StrategyCatalog.Of(key)?.Concurrency is not (Concurrency.OneAtATime or Concurrency.ThreadPerTask or Concurrency.TakesTurnsOnLock);
}
