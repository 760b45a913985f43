using System.Globalization;

namespace Dashboard.Web.Runs;

/// <summary>
/// What <see cref="RunBudget"/> thinks a plan costs: the sequential work of every task of every
/// strategy repetition (warmups included), against the limit <see cref="RunServiceOptions.MaxRunSeconds"/>.
/// </summary>
/// <param name="Seconds">The whole run's estimated sequential work.</param>
/// <param name="Tasks">Tasks per strategy repetition.</param>
/// <param name="SecondsPerTask">The average task's estimated time.</param>
/// <param name="Strategies">.NET strategy runs per repetition (the Python twins are counted in <see cref="PythonTwins"/>).</param>
/// <param name="Repetitions">Repeat + warmup.</param>
/// <param name="LimitSeconds">Runs:MaxRunSeconds.</param>
/// <param name="Basis">What the per-task figure comes from, e.g. "280 ms latency of the simulated genre API".</param>
/// <param name="ParametersOnly">
/// True when the targets are not this app's simulated ones (Lab:TargetBaseUrl), so their knobs
/// say nothing and the figure assumes the tutorial's real-site timings.
/// </param>
public sealed record RunEstimate(
    double Seconds,
    int Tasks,
    double SecondsPerTask,
    int Strategies,
    int Repetitions,
    double LimitSeconds,
    string Basis,
    bool ParametersOnly)
{
    public bool IsOverBudget => Seconds > LimitSeconds;

    /// <summary>Python twin runs per repetition (runtime python or both).</summary>
    public int PythonTwins { get; init; }

    /// <summary>A Python twin's average task, its interpreter's start shared out over the tasks.</summary>
    public double PythonSecondsPerTask { get; init; }

    /// <summary>"Estimated sequential work: 42 s of 900 s budget".</summary>
    public string Summary => $"Estimated sequential work: {Amount(Seconds)} of {Amount(LimitSeconds)} budget";

    /// <summary>
    /// "10,000 tasks x 60 s x 7 strategies x 60 repetitions"; with Python twins each runtime at its own
    /// speed: "(16 tasks x 0.11 s x 7 .NET strategies + 16 tasks x 2.7 s x 6 Python twins) x 1 repetition".
    /// </summary>
    public string Breakdown => (Strategies, PythonTwins) switch
    {
        (_, 0) => $"{Count(Tasks, "task")} x {PerTask(SecondsPerTask)} x {Count(Strategies, "strategy", "strategies")} x {Count(Repetitions, "repetition")}",
        (0, _) => $"{Count(Tasks, "task")} x {PerTask(PythonSecondsPerTask)} x {Count(PythonTwins, "Python twin")} x {Count(Repetitions, "repetition")}",
        _ => $"({Count(Tasks, "task")} x {PerTask(SecondsPerTask)} x {Count(Strategies, ".NET strategy", ".NET strategies")} + " +
            $"{Count(Tasks, "task")} x {PerTask(PythonSecondsPerTask)} x {Count(PythonTwins, "Python twin")}) x {Count(Repetitions, "repetition")}",
    };

    /// <summary>The refusal, as the API's "budget" field and the Run page show it.</summary>
    public string Refusal =>
        $"This run would take about {Amount(Seconds)} of sequential work ({Breakdown}); the limit is {Amount(LimitSeconds)} ({RunServiceOptions.SectionName}:{nameof(RunServiceOptions.MaxRunSeconds)})."
        + (ParametersOnly ? $" Estimated from the parameters alone ({Basis})." : "")
        + " Fewer tasks, strategies or repetitions fit.";

    /// <summary>"12,345 s", "42 s", "0.5 s".</summary>
    public static string Amount(double seconds) => seconds switch
    {
        >= 10 => string.Create(CultureInfo.InvariantCulture, $"{seconds:N0} s"),
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##} s"),
    };

    private static string PerTask(double seconds) => seconds switch
    {
        >= 10 => string.Create(CultureInfo.InvariantCulture, $"{seconds:N0} s"),
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s"),
        >= 0.1 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##} s"),
        >= 0.001 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0.#} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0.###} ms"),
    };

    private static string Count(int n, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {(n == 1 ? one : many ?? one + "s")}");
}
