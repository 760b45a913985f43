using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Findings;

/// <summary>
/// <c>startup-dominates</c>: starting worker processes, a Python interpreter or lab nodes took more
/// than half of the strategy's wall time (the time before its first task started, its median over
/// the measured repetitions, against the median wall), so its time measures the start, not the work.
/// Its sentence names the start-up as the race and the timelines label it: "9.5 s of 10.4 s was node
/// start (…); the tasks took 0.9 s".
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
            var measured = run.Measured(key);
            if (StrategyCatalog.PlacementOf(key) is not { } placement || StrategyStartup.For(placement).Segment is not { } segment
                || statistics.Wall?.Median is not { } wall || wall <= 0 || RunShape.StartupSeconds(measured) is not { } startup)
            {
                continue;
            }

            // The figures the page shows: the summary table's median wall, and the start-up the race draws (with one repetition; the median of them with more).
            var share = startup / wall;
            if (share <= Share)
            {
                continue;
            }

            var tasks = Math.Max(0, wall - startup);
            var medians = measured.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"Medians of {measured.Count} repetitions: ") : "";
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{medians}{SecondsText.Format(startup)} of {SecondsText.Format(wall)} was {segment} ({Lower(StrategyStartup.For(placement).What)}, {share * 100:0}%); " +
                $"the tasks took {SecondsText.Format(tasks)}.");
            yield return run.Make(Rule.Id, Rule.Severity, key, new Dictionary<string, double>
            {
                ["startupSeconds"] = startup,
                ["wallSeconds"] = wall,
                ["tasksSeconds"] = tasks,
                ["share"] = share,
            }, text, share);
        }
    }

    private static string Lower(string text) => text.Length == 0 ? text : string.Concat(char.ToLowerInvariant(text[0]).ToString(), text.AsSpan(1));
}
