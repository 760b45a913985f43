using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Running;

/// <summary>Everything a run measured, in execution order.</summary>
public sealed record RunResult(
    WorkloadParameters Parameters,
    IReadOnlyList<StrategyResult> Results,
    bool Cancelled)
{
    /// <summary>Measured repetitions (warmups excluded) of one strategy.</summary>
    public IEnumerable<StrategyResult> Of(string strategy) =>
        Results.Where(r => r.Strategy == strategy && !r.IsWarmup);
}
