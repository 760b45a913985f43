using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Explain;

/// <summary>What the explainer reads: one finished run's workload, knobs and measured figures.</summary>
/// <param name="Kind">What the workload is expected to spend its time on; the figures decide what is said.</param>
/// <param name="Cores">Processor count of the machine that ran it (the default parallel degree and process count).</param>
public sealed record ExplainInput(
    WorkloadKind Kind,
    WorkloadParameters Parameters,
    StrategyOptions Options,
    int Cores,
    IReadOnlyList<StrategyFigures> Strategies);
