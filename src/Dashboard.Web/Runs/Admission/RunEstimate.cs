using System.Globalization;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Admission;

/// <summary>
/// What <see cref="RunBudget"/> thinks a plan costs: each strategy run's wall time by its shape
/// (<see cref="StrategyCost"/>), times the repetitions (warmups included), against the limit
/// <see cref="RunServiceOptions.MaxRunSeconds"/>.
/// </summary>
/// <param name="Strategies">Each strategy run of one repetition (a .NET strategy, a sweep point or a Python twin) with its estimated wall.</param>
/// <param name="Tasks">Tasks per strategy repetition.</param>
/// <param name="Repetitions">Repeat + warmup.</param>
/// <param name="LimitSeconds">Runs:MaxRunSeconds.</param>
/// <param name="Basis">What the per-task figure comes from, e.g. "the simulated genre API's latency".</param>
/// <param name="ParametersOnly">
/// True when the targets are not this app's simulated ones (Lab:TargetBaseUrl), so their knobs
/// say nothing and the figure assumes the tutorial's real-site timings.
/// </param>
public sealed record RunEstimate(
    IReadOnlyList<StrategyWall> Strategies,
    int Tasks,
    int Repetitions,
    double LimitSeconds,
    string Basis,
    bool ParametersOnly)
{
    /// <summary>The whole run's estimated wall time: every strategy run of every repetition, one after another.</summary>
    public double Seconds => Strategies.Sum(s => s.Seconds) * Repetitions;

    public bool IsOverBudget => Seconds > LimitSeconds;

    /// <summary>The strategy run that costs most (null without strategies): the one a refusal names.</summary>
    public StrategyWall? Costliest => Strategies.Count == 0 ? null : Strategies.MaxBy(s => s.Seconds);

    /// <summary>"Estimated run time: 42 s of 900 s budget".</summary>
    public string Summary => $"Estimated run time: {Amount(Seconds)} of {Amount(LimitSeconds)} budget";

    /// <summary>"sequential 20 s (10 tasks one after another) + async 2 s (10 tasks at once, about one wait) per repetition x 3 repetitions".</summary>
    public string Breakdown =>
        string.Join(" + ", Strategies.Select(s => $"{s.Key} {Amount(s.Seconds)} ({s.Shape})"))
        + $" per repetition x {Count(Repetitions, "repetition")}";

    /// <summary>The refusal, as the API's "budget" field and the Run page show it: the total, the limit, and the strategy that costs most.</summary>
    public string Refusal =>
        $"This run would take about {Amount(Seconds)} ({Count(Strategies.Count, "strategy run", "strategy runs")} x {Count(Repetitions, "repetition")}); the limit is {Amount(LimitSeconds)} ({RunServiceOptions.SectionName}:{nameof(RunServiceOptions.MaxRunSeconds)})."
        + (Costliest is { } costliest
            ? $" {costliest.Key} alone takes about {Amount(costliest.Seconds * Repetitions)} ({costliest.Shape}): untick it, or run fewer tasks or repetitions."
            : "")
        + (ParametersOnly ? $" Estimated from the parameters alone ({Basis})." : "");

    /// <summary>"12,345 s", "42 s", "0.5 s".</summary>
    public static string Amount(double seconds) => seconds switch
    {
        >= 10 => string.Create(CultureInfo.InvariantCulture, $"{seconds:N0} s"),
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##} s"),
    };

    private static string Count(int n, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {(n == 1 ? one : many ?? one + "s")}");
}
