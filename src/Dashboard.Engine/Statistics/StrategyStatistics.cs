namespace Dashboard.Engine.Statistics;

/// <summary>
/// The statistics of one strategy over its measured repetitions (warmups and cancelled
/// repetitions excluded; repetitions with failed tasks count, their failures are reported).
/// </summary>
/// <param name="Repetitions">Measured repetitions the statistics are over.</param>
/// <param name="Wall">Wall-time statistics in seconds; null when no repetition was measured.</param>
/// <param name="MeanCpuSeconds">Mean CPU time per repetition, or null.</param>
/// <param name="MaxLanes">Most lanes one repetition used.</param>
/// <param name="TasksOk">Tasks that succeeded, summed over the measured repetitions.</param>
/// <param name="TasksFailed">Tasks that failed, summed over the measured repetitions.</param>
/// <param name="OutputCheck">"ok" when every repetition's check passed, else the first problem.</param>
/// <param name="Speedup">Against sequential (null for sequential itself or when the run has no sequential).</param>
/// <param name="Warnings">The wall-time warnings plus failures and check problems.</param>
public sealed record StrategyStatistics(
    string Strategy,
    int Repetitions,
    SampleStatistics? Wall,
    double? MeanCpuSeconds,
    int MaxLanes,
    int TasksOk,
    int TasksFailed,
    string OutputCheck,
    Speedup? Speedup,
    IReadOnlyList<string> Warnings);
