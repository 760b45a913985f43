using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Findings;

/// <summary>
/// <c>blocking-grain</c>: in a strategy's typical repetition on lab nodes, grain turns that held a
/// node's thread for <see cref="RuntimeEvents.LongTurnMs"/> or more (the nodes' grain call filter,
/// <see cref="RuntimeEvents.LongTurns"/>) took at least <see cref="TaskShare"/> of the tasks' time.
/// A share, not a count: on a machine busy with other work a healthy turn is sometimes preempted
/// past the threshold, but never for most of its task.
/// </summary>
public sealed class BlockingGrainFinder : IFinder
{
    /// <summary>Long turns that add up to this share of the ran tasks' summed time fire the finding.</summary>
    public const double TaskShare = 0.5;

    public FindingRule Rule { get; } = new(
        FindingIds.BlockingGrain,
        "Blocking grain",
        FindingSeverity.Warning,
        "Grain turns on the lab nodes that held their thread for 100 ms or more added up to half of the tasks' time or more (the nodes' grain call filter times each call's turn).",
        "Orleans runs a grain's code in turns on the node's .NET thread pool: a turn runs until the grain awaits. A grain that blocks " +
        "(Thread.Sleep, .Result, .Wait(), a synchronous call) keeps its turn and its pool thread for the whole wait. Nothing else runs " +
        "on that activation meanwhile, and with many such grains the node's pool runs short: other grains' turns, replies and even " +
        "the silo's own messages queue behind them while the runtime adds threads slowly. Orleans logs such turns as long.",
        "Await instead of blocking inside a grain (async all the way down), so a turn ends at the wait and the thread goes back to " +
        "the pool. Where a blocking call cannot be avoided, move it off the grain's scheduler (Task.Run onto the pool, or a thread " +
        "of its own) and await that.");

    public IEnumerable<Finding> Find(FindingInput run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var statistics in run.Statistics)
        {
            var key = statistics.Strategy;
            if (run.Typical(key) is not { RuntimeEvents: { LongTurns: > 0 } events } typical)
            {
                continue;
            }

            var ran = 0;
            var taskSeconds = 0.0;
            foreach (var span in RunShape.Ran(typical))
            {
                ran++;
                taskSeconds += Math.Max(0, span.End - span.Start);
            }

            if (taskSeconds <= 0 || events.LongTurnSeconds < TaskShare * taskSeconds)
            {
                continue;
            }

            var share = Math.Min(1, events.LongTurnSeconds / taskSeconds);
            var figures = new Dictionary<string, double>
            {
                ["longTurns"] = events.LongTurns,
                ["tasks"] = ran,
                ["longTurnSeconds"] = events.LongTurnSeconds,
                ["longestTurnSeconds"] = events.LongestTurnSeconds,
                ["taskSeconds"] = Math.Round(taskSeconds, 6),
                ["turnShareOfTasks"] = Math.Round(share, 4),
                ["wallSeconds"] = typical.WallSeconds,
            };
            var comparison = "";
            var healthy = StrategyCatalog.All.FirstOrDefault(d => d.Placement == StrategyPlacement.LabNodes && d.Concurrency == Concurrency.Awaits);
            if (healthy is not null && healthy.Id != key && run.StatisticsOf(healthy.Id)?.Wall is { } wall)
            {
                figures["awaitingSeconds"] = wall.Median;
                comparison = $" It took {SecondsText.Format(typical.WallSeconds)} where {healthy.Name}, whose grains await, took {SecondsText.Format(wall.Median)}.";
            }

            var text = string.Create(CultureInfo.InvariantCulture,
                $"{events.LongTurns:N0} of {ran:N0} tasks blocked inside their grain's turn, holding a node thread for {SecondsText.Format(events.LongTurnSeconds)} in all ({share * 100:0}% of the tasks' time; the longest turn {SecondsText.Format(events.LongestTurnSeconds)}).{comparison}");
            yield return run.Make(Rule.Id, Rule.Severity, key, figures, text, share);
        }
    }
}
