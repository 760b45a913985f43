using Dashboard.Engine.Findings;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Explain;

/// <summary>What the explainer reads: one finished run's workload, knobs, measured figures and findings.</summary>
/// <param name="Kind">What the workload is expected to spend its time on; the figures decide what is said.</param>
/// <param name="Cores">Processor count of the machine that ran it: where <paramref name="Options"/> leave a size unset,
/// the defaults follow from it (parallel degree and processes = cores, pool = min(32, cores + 4)).</param>
/// <param name="Limits">Each strategy's limit (<see cref="RunLimits"/>); null or empty: nothing is said about limits.</param>
public sealed record ExplainInput(
    WorkloadKind Kind,
    WorkloadParameters Parameters,
    StrategyOptions Options,
    int Cores,
    IReadOnlyList<StrategyFigures> Strategies,
    IReadOnlyList<Engine.Statistics.StrategyLimit>? Limits = null)
{
    /// <summary>The Engine's findings on the run (<see cref="RunFindings"/>), which Explain ranks among its own lines; empty = none.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>
    /// The input for a stored or live run: its figures, its limits and the Engine's findings from one
    /// <see cref="RunFindings.Input"/> (the one statistics path), and its sweep's curves.
    /// </summary>
    public static ExplainInput Of(Engine.Running.RunPlan plan, Runs.Host.RunEnvironment? environment, IReadOnlyList<Engine.Running.StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Of(plan, RunFindings.Input(plan, environment, results));
    }

    /// <summary>The input from the finders' input already computed (its statistics are not computed again).</summary>
    public static ExplainInput Of(Engine.Running.RunPlan plan, FindingInput findings)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(findings);
        return new ExplainInput(
            WorkloadCatalog.Of(plan.Parameters).Kind,
            plan.Parameters,
            plan.EffectiveOptions,
            findings.Cores,
            RunFigures.Summarize(findings.Statistics, findings.Results),
            findings.Limits)
        {
            Findings = FindingCatalog.Run(findings),
            Scaling = plan.HasSweep ? Engine.Statistics.ScalingSweep.Compute(findings.Statistics) : [],
        };
    }

    /// <summary>The run's scaling sweep (<see cref="Engine.Statistics.ScalingSweep"/>), which <see cref="ScalingExplainer"/> reads; empty without one.</summary>
    public IReadOnlyList<Engine.Statistics.ScalingCurve> Scaling { get; init; } = [];
}
