using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Explain;

/// <summary>
/// The inputs of the Engine's <see cref="StrategyLimits"/> as the app and the bench know them: one
/// task's wait from the workload (hello's delay) or the targets' knobs (genre, scrape).
/// </summary>
public static class RunLimits
{
    /// <summary>One task's least wait in seconds (its target's latency, or the wait its parameters set); null for CPU work or when the knob is unknown.</summary>
    public static double? LatencySeconds(WorkloadParameters parameters, int? genreLatencyMs, int? pageLatencyMs)
    {
        var workload = WorkloadCatalog.Of(parameters);
        return workload.Target switch
        {
            TargetEndpoint.Genres => genreLatencyMs / 1000.0,
            TargetEndpoint.Pages => pageLatencyMs / 1000.0,
            _ => workload.WaitSeconds(parameters),
        };
    }

    /// <summary>The same from a stored run's knobs (RunEnvironment.Knobs: "genreLatencyMs", "pageLatencyMs").</summary>
    public static double? LatencySeconds(WorkloadParameters parameters, IReadOnlyDictionary<string, string>? knobs) =>
        LatencySeconds(parameters, Knob(knobs, "genreLatencyMs"), Knob(knobs, "pageLatencyMs"));

    /// <summary>Each strategy's limit for these statistics.</summary>
    public static IReadOnlyList<StrategyLimit> Compute(
        WorkloadParameters parameters, StrategyOptions options, int cores, double? latencySeconds, CpuCalibration? calibration,
        IReadOnlyList<StrategyStatistics> statistics) =>
        StrategyLimits.Compute(parameters, options, cores, latencySeconds, calibration, statistics);

    /// <summary>A stored or live run's limits: its plan, the environment it ran in (cores, knobs, calibration).</summary>
    public static IReadOnlyList<StrategyLimit> For(Engine.Running.RunPlan plan, Runs.Host.RunEnvironment? environment, IReadOnlyList<StrategyStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Compute(plan.Parameters, plan.EffectiveOptions, environment?.CoreCount ?? Environment.ProcessorCount,
            LatencySeconds(plan.Parameters, environment?.Knobs), environment?.Calibration, statistics);
    }

    /// <summary>"97 %": a share of the limit as the table and the charts write it.</summary>
    public static string Percent(double? ofLimit) =>
        ofLimit is { } share ? string.Create(CultureInfo.InvariantCulture, $"{share * 100:0} %") : "-";

    private static int? Knob(IReadOnlyDictionary<string, string>? knobs, string name) =>
        knobs is not null && knobs.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
