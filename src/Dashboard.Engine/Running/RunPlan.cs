using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Running;

/// <summary>
/// One workload + parameters + the strategies to compare + repetitions. Repetitions run
/// interleaved (warmups first, then A B C A B C) so drift spreads evenly over the strategies.
/// </summary>
public sealed record RunPlan(
    WorkloadParameters Parameters,
    IReadOnlyList<string> Strategies,
    int Repeat = 1,
    int Warmup = 0,
    StrategyOptions? Options = null)
{
    public const int MaxRepeat = 50;
    public const int MaxWarmup = 10;

    public StrategyOptions EffectiveOptions => Options ?? new StrategyOptions();

    /// <summary>Problems with the whole plan keyed by camelCase field; empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new ParameterErrors();
        if (Strategies.Count == 0)
        {
            errors.Add("strategies", "Pick at least one strategy.");
        }

        foreach (var unknown in Strategies.Where(s => !StrategyIds.IsKnown(s)))
        {
            errors.Add("strategies", $"Unknown strategy '{ValueEcho.Short(unknown)}'. Known: {string.Join(", ", StrategyIds.Known)}.");
        }

        if (Strategies.Distinct(StringComparer.Ordinal).Count() != Strategies.Count)
        {
            errors.Add("strategies", "Each strategy may appear once.");
        }

        errors.Range("repeat", Repeat, 1, MaxRepeat);
        errors.Range("warmup", Warmup, 0, MaxWarmup);
        var all = errors.ToDictionary()
            .Concat(Parameters.Validate())
            .Concat(EffectiveOptions.Validate());
        return all.GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(kv => kv.Value).ToArray(), StringComparer.Ordinal);
    }
}
