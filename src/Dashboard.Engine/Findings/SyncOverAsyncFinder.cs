using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Findings;

/// <summary>
/// <c>sync-over-async</c>: a strategy that blocks pool threads on the async form
/// (<see cref="Concurrency.BlocksOnAsync"/>) starved the thread pool in its typical repetition:
/// work items waited in the pool's queue while the pool added threads (its process's counters).
/// </summary>
public sealed class SyncOverAsyncFinder : IFinder
{
    public FindingRule Rule { get; } = new(
        FindingIds.SyncOverAsync,
        "Sync over async",
        FindingSeverity.Warning,
        "A strategy that blocks pool threads on async work (.GetAwaiter().GetResult(), .Result, .Wait()) ran while work items waited in the thread pool's queue and the pool added threads.",
        "Each blocked task holds a pool thread while it waits for its own async work, and that work's continuation needs a pool thread " +
        "to run too. With every pool thread blocked, continuations queue behind new tasks; the runtime adds threads only slowly (it " +
        "cannot tell a blocked thread from a busy one), so everything in the process waits, the web server's own work included.",
        "Await instead of blocking (async all the way down), so a wait holds no thread. Where a blocking call cannot be avoided, run " +
        "it on a thread of its own rather than on the shared pool.");

    public IEnumerable<Finding> Find(FindingInput run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var statistics in run.Statistics)
        {
            var key = statistics.Strategy;
            if (PythonTwins.IsTwinKey(key) || StrategyCatalog.Of(key) is not { Concurrency: Concurrency.BlocksOnAsync, Placement: StrategyPlacement.InProcess }
                || run.Typical(key) is not { Counters.Count: > 0 } typical)
            {
                continue;
            }

            var main = RunShape.MainProcess(typical);
            var samples = typical.Counters!.Where(c => c.Process == main).ToList();
            if (samples.Count == 0)
            {
                continue;
            }

            var queue = samples.Max(c => c.PoolQueue);
            var first = samples[0].PoolThreads;
            var peak = samples.Max(c => c.PoolThreads);
            if (queue <= 0 || peak <= first)
            {
                continue;
            }

            var awaits = StrategyCatalog.All.FirstOrDefault(d => d.Placement == StrategyPlacement.InProcess && d.Concurrency == Concurrency.Awaits);
            var async = awaits is null ? null : run.StatisticsOf(awaits.Id)?.Wall;
            var figures = new Dictionary<string, double>
            {
                ["queuePeak"] = queue,
                ["poolThreadsStart"] = first,
                ["poolThreadsPeak"] = peak,
                ["wallSeconds"] = typical.WallSeconds,
            };
            var comparison = "";
            if (async is not null)
            {
                figures["asyncSeconds"] = async.Median;
                comparison = $" It took {SecondsText.Format(typical.WallSeconds)} where {awaits!.Name} took {SecondsText.Format(async.Median)}.";
            }

            var text = string.Create(CultureInfo.InvariantCulture,
                $"Every task blocked a pool thread waiting for its own async work: up to {queue:N0} work items waited in the pool's queue while the runtime added threads slowly ({first} at the start, {peak} at the peak).{comparison}");
            yield return run.Make(Rule.Id, Rule.Severity, key, figures, text,
                async is not null && typical.WallSeconds > 0 ? 1 - Math.Min(1, async.Median / typical.WallSeconds) : 0.5);
        }
    }
}
