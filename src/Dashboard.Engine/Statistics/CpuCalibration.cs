namespace Dashboard.Engine.Statistics;

/// <summary>
/// What this machine can do with the power workload's arithmetic: the same tasks in one worker
/// process, and split over <paramref name="Processes"/> worker processes started together (medians
/// of <paramref name="Rounds"/> rounds). Their ratio, <see cref="Speedup"/>, is the CPU limit's
/// speedup at that many lanes: a little under the core count where caches and memory bandwidth
/// are shared.
/// </summary>
/// <param name="Engine">"gmp" or "managed".</param>
/// <param name="Start">First i of i^i the calibration computed.</param>
/// <param name="Tasks">Tasks per round (the one process did all of them).</param>
/// <param name="Processes">Processes that shared the tasks at once (= cores).</param>
/// <param name="OneProcessSeconds">Best (least) time over the rounds of one process doing every task, first start to last end.</param>
/// <param name="ParallelSeconds">Best (least) time over the rounds of <paramref name="Processes"/> processes doing an even share each.</param>
/// <param name="MeasuredAt">When it was measured (UTC).</param>
public sealed record CpuCalibration(
    string Engine,
    int Start,
    int Tasks,
    int Processes,
    int Rounds,
    double OneProcessSeconds,
    double ParallelSeconds,
    DateTimeOffset MeasuredAt)
{
    /// <summary>One process's time over <see cref="Processes"/> processes' time.</summary>
    public double Speedup => ParallelSeconds > 0 ? OneProcessSeconds / ParallelSeconds : 1;

    /// <summary>
    /// The speedup to expect at <paramref name="lanes"/> lanes (1..Processes): measured at
    /// <see cref="Processes"/>, 1 at one lane, linear in between; never above the lane count.
    /// </summary>
    public double SpeedupAt(int lanes)
    {
        if (lanes <= 1 || Processes <= 1)
        {
            return 1;
        }

        var measured = Math.Clamp(Speedup, 1, Processes);
        var at = 1 + ((measured - 1) * (Math.Min(lanes, Processes) - 1) / (Processes - 1));
        return Math.Min(at, lanes);
    }
}
