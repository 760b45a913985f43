using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Explain;

/// <summary>
/// What a run's analysis depends on beyond its id: the repetitions so far, the spans they hold (a
/// stored run's spans may be a sample of the live ones) and whether its environment (cores, knobs,
/// calibration: the limits) is known.
/// </summary>
public readonly record struct RunAnalysisVersion(int Results, long Spans, bool Environment)
{
    /// <summary>The version of these repetitions and environment.</summary>
    public static RunAnalysisVersion Of(RunEnvironment? environment, IReadOnlyList<StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        long spans = 0;
        foreach (var result in results)
        {
            spans += result.Spans.Count;
        }

        return new RunAnalysisVersion(results.Count, spans, environment is not null);
    }
}
