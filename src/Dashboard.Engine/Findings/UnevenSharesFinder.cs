using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Findings;

/// <summary>
/// <c>uneven-shares</c>: a strategy's workers (worker processes, the Python twin's processes, lab
/// nodes) finished more than 10 % of its wall time apart in its typical repetition, so some sat idle
/// while others still worked.
/// </summary>
public sealed class UnevenSharesFinder : IFinder
{
    /// <summary>Workers finishing further apart than this share of the last finish fire it.</summary>
    public const double Gap = 0.10;

    public FindingRule Rule { get; } = new(
        FindingIds.UnevenShares,
        "Uneven shares",
        FindingSeverity.Warning,
        "The workers of a strategy (worker processes, lab nodes) finished more than 10% of its wall time apart.",
        "The strategy is done only when its last worker is. A worker that got a larger share, slower tasks, less CPU (other programs, " +
        "a later start) or a fixed split of unequal tasks keeps the others waiting idle, so the strategy's time is the slowest share's, not the average.",
        "Let workers pull the next task when they are free (split: pull) rather than a fixed share up front, and give them more, smaller " +
        "tasks, so the last tasks even out the ends. With as many tasks as workers, one slow task sets the pace.");

    public IEnumerable<Finding> Find(FindingInput run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var statistics in run.Statistics)
        {
            var key = statistics.Strategy;
            if (Worker(key) is not { } workerOf || run.Typical(key) is not { WallSeconds: > 0 } typical)
            {
                continue;
            }

            // Each worker's last end, counted as the spans go by (a million spans are never held).
            var lastEnds = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var span in RunShape.Ran(typical))
            {
                var worker = workerOf(span);
                lastEnds[worker] = lastEnds.TryGetValue(worker, out var end) ? Math.Max(end, span.End) : span.End;
            }

            var finishes = lastEnds.Values.ToList();
            if (finishes.Count < 2)
            {
                continue;
            }

            var first = finishes.Min();
            var last = finishes.Max();
            if (last <= 0 || (last - first) / last <= Gap)
            {
                continue;
            }

            var share = (last - first) / last;
            var text = string.Create(CultureInfo.InvariantCulture,
                $"Its {finishes.Count} workers finished {SecondsText.Format(last - first)} apart ({share * 100:0}% of {SecondsText.Format(last)}): the first sat idle while the last still worked.");
            yield return run.Make(Rule.Id, Rule.Severity, key, new Dictionary<string, double>
            {
                ["workers"] = finishes.Count,
                ["firstFinishSeconds"] = first,
                ["lastFinishSeconds"] = last,
                ["gapShare"] = share,
            }, text, share / 2);
        }
    }

    /// <summary>What tells a strategy's workers apart: processes by pid, lab nodes by name; null for strategies without workers.</summary>
    private static Func<Running.TaskSpan, string>? Worker(string key)
    {
        var descriptor = StrategyCatalog.Of(key);
        return descriptor?.Placement switch
        {
            StrategyPlacement.WorkerProcesses => s => s.Lane.ProcessId.ToString(CultureInfo.InvariantCulture),
            StrategyPlacement.LabNodes => s => s.Node ?? s.Lane.ProcessId.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
