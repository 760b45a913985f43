using Dashboard.Engine.Running;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// The statistics of one strategy over its measured repetitions: the one summary every view
/// reads (live page, Explain, bench, API, exports, History, Compare). The rules, computed by
/// <see cref="RunStatistics.Compute"/>:
/// <list type="bullet">
/// <item>Measured repetitions are those with a non-negative repetition number that were not
/// cancelled. A cancelled repetition's wall time is only how far it got, so it sets no figure;
/// it is counted in <see cref="CancelledRepetitions"/>. Repetitions with failed tasks count.</item>
/// <item>Wall: <see cref="SampleStatistics"/> of the measured wall times; the headline is the
/// median (<see cref="SampleStatistics.Median"/>), the mean carries the confidence interval.</item>
/// <item>CPU: the median of the measured repetitions' CPU times, like wall.</item>
/// <item>Tasks ok / failed: totals over the measured repetitions, so a failure in any of them shows.</item>
/// <item>Speedup: median(sequential) / median(this), see <see cref="Statistics.Speedup"/>.</item>
/// </list>
/// </summary>
/// <param name="Repetitions">Measured repetitions the statistics are over.</param>
/// <param name="CancelledRepetitions">Repetitions (warmups excluded) that were cancelled and so left out.</param>
/// <param name="Wall">Wall-time statistics in seconds; null when no repetition was measured.</param>
/// <param name="MedianCpuSeconds">Median CPU time per measured repetition, or null.</param>
/// <param name="MaxLanes">Most lanes one measured repetition used.</param>
/// <param name="TasksOk">Tasks that succeeded, summed over the measured repetitions.</param>
/// <param name="TasksFailed">Tasks that failed, summed over the measured repetitions.</param>
/// <param name="OutputCheck">"ok" when every measured repetition's check passed, else the first problem.</param>
/// <param name="Speedup">Against sequential (null for sequential itself or when the run has no sequential).</param>
/// <param name="TaskDurationMValue">
/// Perfolizer's mvalue of the successful tasks' durations (see <see cref="RunStatistics.MultimodalMValue"/>),
/// or null with fewer than <see cref="RunStatistics.MinTasksForModality"/> tasks.
/// </param>
/// <param name="Warnings">Too few repetitions, outliers, noise, several modes of task durations, failures, check problems.</param>
public sealed record StrategyStatistics(
    string Strategy,
    int Repetitions,
    int CancelledRepetitions,
    SampleStatistics? Wall,
    double? MedianCpuSeconds,
    int MaxLanes,
    int TasksOk,
    int TasksFailed,
    string OutputCheck,
    Speedup? Speedup,
    double? TaskDurationMValue,
    IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Where the time went (<see cref="Statistics.TimeSplit"/>), the mean over the measured
    /// repetitions; null when no task's split was measured.
    /// </summary>
    public TimeSplit? TimeSplit { get; init; }

    /// <summary>
    /// The runtime's events (pool adjustments with reasons, lock contention) of the measured
    /// repetitions together; null when none was listened to.
    /// </summary>
    public RuntimeEvents? RuntimeEvents { get; init; }
}
