using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Findings;

/// <summary>
/// <c>lock-contention</c>: in a .NET strategy's typical repetition, threads waited for contended
/// locks for more than <see cref="WallShare"/> of the wall (the runtime's contention events,
/// summed over threads, <see cref="RuntimeEvents.ContentionWaitSeconds"/>).
/// </summary>
public sealed class LockContentionFinder : IFinder
{
    /// <summary>Lock waits above this share of the wall fire the finding.</summary>
    public const double WallShare = 0.10;

    public FindingRule Rule { get; } = new(
        FindingIds.LockContention,
        "Lock contention",
        FindingSeverity.Warning,
        "Threads waited for locks other threads held for more than 10 % of the strategy's wall time (the runtime's contention events).",
        "A lock lets one thread at a time through; the others wait, first spinning, then asleep. When many tasks share one lock (a shared " +
        "file, a shared collection), the tasks run one after another at that point however many threads there are.",
        "Hold the lock for less (prepare outside it, write inside), give each task its own resource and merge at the end, or use a " +
        "concurrent structure or a channel with one writer.");

    public IEnumerable<Finding> Find(FindingInput run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var statistics in run.Statistics)
        {
            var key = statistics.Strategy;
            if (PythonTwins.IsTwinKey(key) || run.Typical(key) is not { RuntimeEvents: { Contentions: > 0 } events, WallSeconds: > 0 } typical
                || events.ContentionWaitSeconds <= WallShare * typical.WallSeconds)
            {
                continue;
            }

            var share = events.ContentionWaitSeconds / typical.WallSeconds;
            var figures = new Dictionary<string, double>
            {
                ["contentions"] = events.Contentions,
                ["waitSeconds"] = events.ContentionWaitSeconds,
                ["wallSeconds"] = typical.WallSeconds,
                ["waitShareOfWall"] = Math.Round(share, 4),
            };
            var text = string.Create(CultureInfo.InvariantCulture,
                $"Threads waited {SecondsText.Format(events.ContentionWaitSeconds)} for locks held by others ({events.Contentions:N0} waits), {share * 100:0}% of its {SecondsText.Format(typical.WallSeconds)} wall (summed over threads).");
            yield return run.Make(Rule.Id, Rule.Severity, key, figures, text, Math.Min(1, share));
        }
    }
}
