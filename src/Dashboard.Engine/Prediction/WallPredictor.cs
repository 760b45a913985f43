using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Prediction;

/// <summary>
/// Predicts a strategy's wall time from one sequential repetition (<see cref="PredictionBasis"/>):
/// <list type="number">
/// <item>The strategy's shape comes from its descriptor through <see cref="StrategyCost.Wall"/>:
/// how many tasks wait at once (lanes, so rounds of waits) and over how many cores its CPU work is
/// shared (one for async and GIL-bound twins).</item>
/// <item>Waiting: every round but the last waits the mean task's wait; the last waits as long as
/// the slowest of its lanes, read as the wait quantile at lanes / (lanes + 1) (all at once: about
/// the longest wait). One lane waits the sum.</item>
/// <item>CPU work: the sequential tasks' CPU (plus ready) over the speedup its cores give: the CPU
/// calibration's at that many lanes when one is given, else the lane count.</item>
/// <item>Overheads: what the sequential repetition spent outside its tasks, for every strategy;
/// for worker processes also their start and each task's trip (<see cref="PredictionOverheads"/>),
/// one trip per round of waits (trips of tasks that wait together overlap).</item>
/// </list>
/// Waiting and CPU add up: a lane that computes does not wait, and on these workloads one of them
/// is small beside the other.
/// </summary>
public static class WallPredictor
{
    /// <summary>The predicted wall time of one repetition of <paramref name="key"/> on <paramref name="basis"/>'s tasks.</summary>
    /// <param name="key">A strategy id, sweep point or Python twin key.</param>
    /// <param name="basis">The sequential repetition of the key's runtime.</param>
    /// <param name="options">The plan's strategy knobs.</param>
    /// <param name="cores">The machine's cores.</param>
    /// <param name="overheads">Worker start and per-task transfer.</param>
    /// <param name="calibration">The CPU calibration (power's arithmetic on this machine); null to share CPU work by lanes.</param>
    public static StrategyPrediction Predict(
        string key, PredictionBasis basis, StrategyOptions options, int cores, PredictionOverheads overheads, CpuCalibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(overheads);
        var tasks = basis.Tasks;
        var wait = basis.WaitSeconds;
        var cpu = basis.CpuSeconds;
        var shape = StrategyCost.Wall(key, new WorkloadEstimate(cpu + wait, basis.Strategy, wait), tasks, options, cores);
        var speedup = calibration?.SpeedupAt(shape.CpuLanes) ?? shape.CpuLanes;
        var waiting = Waiting(basis.Waits, shape.Lanes, shape.Rounds);
        var inWorkers = StrategyCatalog.PlacementOf(key) == StrategyPlacement.WorkerProcesses;
        var startup = inWorkers ? overheads.WorkerStartSeconds : 0;
        var transfer = inWorkers ? shape.Rounds * overheads.TransferSeconds : 0;
        var seconds = waiting + (cpu / Math.Max(1, speedup)) + basis.FixedSeconds + startup + transfer;
        return new StrategyPrediction(key, seconds, new PredictionAssumptions(
            shape.Lanes, shape.CpuLanes, speedup, basis.CpuShare, cpu, wait, basis.FixedSeconds, startup, transfer, shape.Shape));
    }

    /// <summary>Rounds of waits: all but the last at the mean, the last at its slowest lane's.</summary>
    private static double Waiting(IReadOnlyList<double> waits, int lanes, int rounds)
    {
        if (waits.Count == 0)
        {
            return 0;
        }

        if (lanes <= 1)
        {
            return waits.Sum();
        }

        var slowest = Quantiles.Quantile(waits, lanes / (lanes + 1.0));
        return ((rounds - 1) * waits.Average()) + slowest;
    }
}
