using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Simulation;
using Microsoft.Extensions.Options;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Admission;

/// <summary>
/// Weighs a plan before it is queued: its estimated wall time (every strategy repetition, warmups
/// included, each strategy priced by its own shape: sequential the sum of its tasks, async about one
/// wait, threads and pools by their lanes; <see cref="StrategyCost"/>) must not exceed
/// <see cref="RunServiceOptions.MaxRunSeconds"/>, and a refusal names the strategy that costs most.
/// <see cref="RunQueue.Enqueue"/> is the one place that enforces it; the Run page only shows it early.
/// </summary>
/// <remarks>
/// Each workload's descriptor prices its own tasks (<see cref="WorkloadDescriptor.Estimate"/>, with
/// the shared per-task costs of <see cref="WorkloadCost"/>); this class gives it the target's wait as
/// the knobs set it now (latency plus half the jitter, the mean of a uniform extra delay) and the
/// page size. Failures (simulated 500s) cost the same latency; 429s from the rate limit answer at
/// once, so a rate limit only makes the estimate pessimistic. Against a custom target
/// (Lab:TargetBaseUrl) or the real ones the knobs mean nothing, so each workload assumes the
/// tutorial's real-site timings and the estimate says so.
/// <para>
/// A Python twin (runtime python or both) is costed as Python runs it, not at .NET's speed: the
/// runner's start (<see cref="PythonStartSeconds"/>) once per twin run, then each task with the
/// twin's own figures. The waits are the same in both runtimes.
/// </para>
/// </remarks>
public sealed class RunBudget
{
    /// <summary>
    /// One Python twin's fixed cost: starting python3 and importing the runner and the workload's
    /// libraries, to its first event: a 1-task hello twin took 0.74 s of CPU on a loaded machine; 0.5 s assumed.
    /// </summary>
    public const double PythonStartSeconds = 0.5;

    private readonly RunServiceOptions _options;
    private readonly SimulationKnobs _knobs;
    private readonly IOptions<LabEngineOptions> _lab;

    public RunBudget(IOptions<RunServiceOptions> options, SimulationKnobs knobs, IOptions<LabEngineOptions> lab)
    {
        _options = options.Value;
        _knobs = knobs;
        _lab = lab;
    }

    public double LimitSeconds => _options.MaxRunSeconds;

    /// <summary>The estimate of <paramref name="plan"/> with the targets' knobs as they are now, on this machine's cores.</summary>
    public RunEstimate Estimate(RunPlan plan) => Estimate(plan, Environment.ProcessorCount);

    /// <summary>The estimate of <paramref name="plan"/> on <paramref name="cores"/> cores: each strategy run priced by its shape (<see cref="StrategyCost"/>).</summary>
    public RunEstimate Estimate(RunPlan plan, int cores)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // Real targets (Lab:RealTargets) are costed like a custom target: the tutorial's real timings.
        var custom = !string.IsNullOrWhiteSpace(_lab.Value.TargetBaseUrl) || plan.Targets == LabTargets.Real;
        var knobs = _knobs.Current;
        var workload = WorkloadCatalog.Of(plan.Parameters);
        var tasks = Math.Max(0, plan.Parameters.TaskCount);
        var dotnet = workload.Estimate(plan.Parameters, Input(workload, tasks, python: false, knobs, custom));

        // With runtime python or both, a twin costs what Python takes: the interpreter's start once
        // per twin run, then each task with the twin's own figures. The waits are the same.
        var python = plan.StrategyRuns.Any(PythonTwins.IsTwinKey)
            ? workload.Estimate(plan.Parameters, Input(workload, tasks, python: true, knobs, custom))
            : null;
        var walls = plan.StrategyRuns
            .Select(key => PythonTwins.IsTwinKey(key)
                ? StrategyCost.Wall(key, python!, tasks, plan.EffectiveOptions, cores, PythonStartSeconds)
                : StrategyCost.Wall(key, dotnet, tasks, plan.EffectiveOptions, cores))
            .ToArray();
        var repetitions = Math.Max(0, plan.Repeat) + Math.Max(0, plan.Warmup);
        return new RunEstimate(walls, tasks, repetitions, LimitSeconds, dotnet.Basis, custom && workload.CallsTargets);
    }

    /// <summary>The estimate, or the "budget" problem when it is over the limit (and the "tasks" problem past <see cref="RunServiceOptions.MaxTasksPerRun"/>).</summary>
    /// <exception cref="InvalidParametersException">Over budget; the "budget" field names the estimate and the limit.</exception>
    public RunEstimate ThrowIfOverBudget(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Parameters.TaskCount > _options.MaxTasksPerRun)
        {
            throw new InvalidParametersException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["tasks"] = [string.Create(CultureInfo.InvariantCulture,
                    $"This dashboard runs at most {_options.MaxTasksPerRun:N0} tasks ({RunServiceOptions.SectionName}:{nameof(RunServiceOptions.MaxTasksPerRun)}, set by its operator; up to 1,000,000). The bench takes up to a million: bench --workload hello --tasks 1000000 --strategies async.")],
            });
        }

        var estimate = Estimate(plan);
        if (estimate.IsOverBudget)
        {
            throw new InvalidParametersException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["budget"] = [estimate.Refusal],
            });
        }

        return estimate;
    }

    /// <summary>What a workload's cost model needs from this app: its target's wait with the knobs as they are, and the page size.</summary>
    private static CostInput Input(WorkloadDescriptor workload, int tasks, bool python, SimulationOptions knobs, bool custom) =>
        new(tasks, python, workload.Target switch
        {
            TargetEndpoint.Genres => Latency(knobs.GenreLatencyMs, knobs.JitterMs),
            TargetEndpoint.Pages => Latency(knobs.PageLatencyMs, knobs.JitterMs),
            _ => null,
        }, knobs.PageSizeKb, custom);

    private static double Latency(int latencyMs, int jitterMs) => (latencyMs + jitterMs / 2.0) / 1000.0;
}
