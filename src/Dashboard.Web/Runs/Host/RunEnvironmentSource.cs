using System.Globalization;
using Dashboard.Web.Simulation;
using Dashboard.Web.Runs.Execution;

namespace Dashboard.Web.Runs.Host;

/// <summary>Captures this app's <see cref="RunEnvironment"/>: the machine, the targets' address and their knobs now.</summary>
public sealed class RunEnvironmentSource(LabTargetAddress targets, SimulationKnobs knobs, ILogger<RunEnvironmentSource> logger)
{
    public RunEnvironment Capture(Dashboard.Engine.Running.RunPlan? plan = null)
    {
        string baseUrl;
        try
        {
            baseUrl = plan is null ? targets.Resolve() : targets.BaseFor(plan);
        }
        catch (InvalidOperationException ex)
        {
            logger.LogWarning(ex, "Target address unknown while capturing the run environment");
            baseUrl = "unknown";
        }

        var current = knobs.Current;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["genreLatencyMs"] = current.GenreLatencyMs.ToString(CultureInfo.InvariantCulture),
            ["pageLatencyMs"] = current.PageLatencyMs.ToString(CultureInfo.InvariantCulture),
            ["jitterMs"] = current.JitterMs.ToString(CultureInfo.InvariantCulture),
            ["failureRate"] = current.FailureRate.ToString(CultureInfo.InvariantCulture),
            ["rateLimitPerSecond"] = current.RateLimitPerSecond.ToString(CultureInfo.InvariantCulture),
            ["pageSizeKb"] = current.PageSizeKb.ToString(CultureInfo.InvariantCulture),
        };
        return RunEnvironment.Capture(baseUrl, values);
    }
}
