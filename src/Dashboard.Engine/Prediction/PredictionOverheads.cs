using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Prediction;

/// <summary>
/// What running tasks elsewhere costs on top of the work, as the prediction adds it: starting the
/// worker processes (up to their first message, the slowest of a repetition's starts) and each
/// task's trip to a worker and back. Read from measured repetitions when any ran tasks in worker
/// processes (<see cref="From"/>); otherwise <see cref="Default"/>, round figures from the lab's
/// 2-core machine with the natively compiled worker (starts of 30 to 110 ms, trips of 6 to 27 ms under load).
/// </summary>
/// <param name="WorkerStartSeconds">Seconds from starting a repetition's worker processes to the slowest one's first message.</param>
/// <param name="TransferSeconds">Seconds one task spends travelling to its worker and back (outside its span).</param>
/// <param name="Source">Where the figures came from, in words ("measured: 4 repetitions with worker processes", "defaults").</param>
public sealed record PredictionOverheads(double WorkerStartSeconds, double TransferSeconds, string Source)
{
    /// <summary>The figures used when no repetition with worker processes was measured.</summary>
    public static PredictionOverheads Default { get; } = new(0.1, 0.005, "defaults (no worker processes measured)");

    /// <summary>
    /// The medians over the measured repetitions in <paramref name="results"/> that started worker
    /// processes: per repetition its slowest start and its tasks' mean transfer; <see cref="Default"/>
    /// when none did (a figure not measured keeps its default).
    /// </summary>
    public static PredictionOverheads From(IEnumerable<StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var workers = results
            .Where(r => r.IsMeasured && !PythonTwins.IsTwinKey(r.Strategy)
                && StrategyCatalog.PlacementOf(r.Strategy) == StrategyPlacement.WorkerProcesses)
            .ToList();
        var starts = workers.Where(r => r.WorkerStartSeconds is { Count: > 0 }).Select(r => r.WorkerStartSeconds!.Max()).ToList();
        var transfers = workers.Select(r => r.Spans.Where(s => s.Transfer is not null).Select(s => s.Transfer!.Value).ToList())
            .Where(t => t.Count > 0).Select(t => t.Average()).ToList();
        if (starts.Count == 0 && transfers.Count == 0)
        {
            return Default;
        }

        return new PredictionOverheads(
            starts.Count > 0 ? Quantiles.Median(starts) : Default.WorkerStartSeconds,
            transfers.Count > 0 ? Quantiles.Median(transfers) : Default.TransferSeconds,
            $"measured: {workers.Count} repetition{(workers.Count == 1 ? "" : "s")} with worker processes");
    }
}
