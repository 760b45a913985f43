using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Explain;

/// <summary>What the explainer reads: one finished run's workload, knobs and measured figures.</summary>
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
    /// <summary>The run's strategy repetitions, whose counters <see cref="CounterExplainer"/> reads; null = no counter sentences.</summary>
    public IReadOnlyList<Engine.Running.StrategyResult>? Results { get; init; }

    /// <summary>Where the run's files went (its environment's <see cref="Runs.RunEnvironment.Outputs"/>); null when unknown.</summary>
    public Runs.OutputPlace? Outputs { get; init; }

    /// <summary>The run's scaling sweep (<see cref="Engine.Statistics.ScalingSweep"/>), which <see cref="ScalingExplainer"/> reads; empty without one.</summary>
    public IReadOnlyList<Engine.Statistics.ScalingCurve> Scaling { get; init; } = [];
}
