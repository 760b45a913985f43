namespace Dashboard.Web.Explain;

/// <summary>
/// One strategy's figures as the summary table, the charts and the explainer read them: the
/// Engine's <see cref="Engine.Statistics.StrategyStatistics"/> (cancelled repetitions left out,
/// medians of wall and CPU, task totals, speedup of medians) plus the raw task durations for the
/// distribution chart. A strategy whose every repetition was cancelled has no statistics; its
/// figures then show how far the cancelled repetitions got, with <see cref="Cancelled"/> set and
/// no speedup.
/// </summary>
/// <param name="Repetitions">Measured repetitions (cancelled ones left out), or the cancelled ones when none was measured.</param>
/// <param name="Cancelled">At least one repetition was cancelled.</param>
/// <param name="Speedup">Sequential's median wall divided by this one's; null without a sequential run.</param>
/// <param name="TaskSeconds">Every successful task's duration over the measured repetitions (for the distribution chart).</param>
/// <param name="TaskDurationMValue">The Engine's mvalue of the task durations (null with too few tasks).</param>
/// <param name="Warnings">The Engine's warnings: too few repetitions, outliers, noise, modes, failures.</param>
public sealed record StrategyFigures(
    string Strategy,
    int Repetitions,
    double MedianWallSeconds,
    double MinWallSeconds,
    double MaxWallSeconds,
    double MedianCpuSeconds,
    int Lanes,
    int TasksOk,
    int TasksFailed,
    string OutputCheck,
    bool Cancelled,
    double? Speedup,
    IReadOnlyList<double> TaskSeconds,
    double? TaskDurationMValue,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The 95% confidence interval of the mean wall time (null with one repetition, <see cref="Engine.Statistics.SampleStatistics"/>).</summary>
    public double? ConfidenceLow { get; init; }

    /// <inheritdoc cref="ConfidenceLow"/>
    public double? ConfidenceHigh { get; init; }

    /// <summary>
    /// The median, over its measured repetitions, of the seconds before its first task started (starting
    /// worker processes, an interpreter or nodes; about 0 in process); 0 when no task ran.
    /// </summary>
    public double StartupSeconds { get; init; }

    /// <summary>
    /// What <see cref="StartupSeconds"/> is called beside it: "start-up" where the strategy starts
    /// something (its descriptor counts it), else "before its first task", as the race marks an
    /// in-process strategy "no start-up".
    /// </summary>
    public string StartupLabel => Dashboard.Engine.Strategies.StrategyCatalog.StartupOf(Strategy).Counted ? "start-up" : "before its first task";

    /// <summary>
    /// The median, over its measured repetitions, of its tasks' own CPU (the time split's on-core
    /// seconds, start-up left out); null when a repetition's tasks were not split (lab nodes, the
    /// split turned off). Unlike <see cref="MedianCpuSeconds"/> (the whole process: this dashboard
    /// serving pages, the simulated targets, the JIT) it is the work's own.
    /// </summary>
    public double? TaskCpuSeconds { get; init; }

    /// <summary>
    /// The CPU of the work itself, after start-up: <see cref="TaskCpuSeconds"/> when measured,
    /// else the process's CPU less the start-up (an interpreter starting is busy, so its CPU is about its wall).
    /// </summary>
    public double WorkCpuSeconds => TaskCpuSeconds ?? Math.Max(0, MedianCpuSeconds - StartupSeconds);

    /// <summary>Whose CPU <see cref="WorkCpuSeconds"/> counts, for the explainer's inputs.</summary>
    public string WorkCpuSource => TaskCpuSeconds is null ? "the process" : "the tasks' threads";
}
