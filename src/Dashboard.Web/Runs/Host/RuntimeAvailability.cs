using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.Options;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Host;

/// <summary>
/// Whether the Python twins can run here (Python 3 and the tutorial's libraries), from the
/// Engine's cached probe: the queue refuses a python/both run when they cannot, and the Run page
/// says what is missing before anyone clicks.
/// </summary>
public sealed class RuntimeAvailability(IOptions<LabEngineOptions> options)
{
    private readonly PythonLauncher _python = new(string.IsNullOrWhiteSpace(options.Value.PythonPath) ? null : options.Value.PythonPath);

    /// <summary>Null when the twins can run; else the missing piece, named.</summary>
    public string? PythonProblem => _python.Probe().Problem;

    /// <summary>The "runtime" problem of a plan that asks for Python where it cannot run.</summary>
    /// <exception cref="InvalidParametersException">The plan needs Python and Python cannot run here.</exception>
    public void ThrowIfUnavailable(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Runtime != LabRuntime.Dotnet && PythonProblem is { } problem)
        {
            throw new InvalidParametersException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["runtime"] = [$"runtime {PythonTwins.Id(plan.Runtime)} needs the Python twins: {problem}"],
            });
        }
    }
}
