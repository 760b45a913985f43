using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Findings;

/// <summary>
/// <c>startup-dominates</c>: starting worker processes, a Python interpreter or lab nodes took more
/// than half of the strategy's wall time (the time before its first task started, in its typical
/// repetition), so its time measures the start, not the work.
/// </summary>
public sealed class StartupDominatesFinder : IFinder
{
    /// <summary>Start-up over this share of the wall fires it.</summary>
    public const double Share = 0.5;

    public FindingRule Rule { get; } = new(
        FindingIds.StartupDominates,
        "Start-up dominates",
        FindingSeverity.Warning,
        "A strategy that starts processes, an interpreter or lab nodes spent more than half of its wall time before its first task started.",
        "Starting a process costs tens of milliseconds (a .NET worker, natively compiled) to several hundred (python3 with its imports, " +
        "an Orleans node joining its cluster); a thread costs microseconds. When the tasks are few or short, that start is most of what " +
        "the strategy's time measures, so it looks slow for a reason that has nothing to do with how it runs tasks.",
        "Give it more work per start: more tasks, or longer ones, so the start is paid once over more of them. Compare strategies on work " +
        "that takes at least a few times longer than their start, or read the start-up and the task phase separately on the timeline.");

    public IEnumerable<Finding> Find(FindingInput run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var statistics in run.Statistics)
        {
            var key = statistics.Strategy;
            if (StrategyCatalog.PlacementOf(key) is not { } placement || placement == StrategyPlacement.InProcess
                || run.Typical(key) is not { WallSeconds: > 0 } typical || RunShape.FirstStart(typical) is not { } startup)
            {
                continue;
            }

            var share = startup / typical.WallSeconds;
            if (share <= Share)
            {
                continue;
            }

            var text = string.Create(CultureInfo.InvariantCulture,
                $"{StrategyStartup.For(placement).What} took {SecondsText.Format(startup)} of its {SecondsText.Format(typical.WallSeconds)} ({share * 100:0}%) before the first task started; " +
                $"the tasks themselves took {SecondsText.Format(typical.WallSeconds - startup)}.");
            yield return run.Make(Rule.Id, Rule.Severity, key, new Dictionary<string, double>
            {
                ["startupSeconds"] = startup,
                ["wallSeconds"] = typical.WallSeconds,
                ["share"] = share,
            }, text, share);
        }
    }
}
