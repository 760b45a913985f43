namespace Dashboard.Web.Explain;

/// <summary>
/// One strategy's measured figures over its repetitions (warmups excluded): what the summary
/// table, the charts and the explainer read.
/// </summary>
/// <param name="Speedup">Sequential's median wall divided by this one's; null without a sequential run.</param>
/// <param name="TaskSeconds">Every successful task's duration over all repetitions (for the distribution chart).</param>
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
    IReadOnlyList<double> TaskSeconds);
