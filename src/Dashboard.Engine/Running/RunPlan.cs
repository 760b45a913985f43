using System.Globalization;
using System.Text.Json.Serialization;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Running;

/// <summary>
/// One workload + parameters + the strategies to compare + repetitions. Repetitions run
/// interleaved (warmups first, then A B C A B C) so drift spreads evenly over the strategies.
/// With a <see cref="Sweep"/>, each sized strategy (<see cref="StrategySizes.Sized"/>) runs once per
/// size, each size a strategy run of its own keyed <see cref="StrategySizes.Key"/> ("threadpool@4").
/// </summary>
public sealed record RunPlan(
    WorkloadParameters Parameters,
    IReadOnlyList<string> Strategies,
    int Repeat = 1,
    int Warmup = 0,
    StrategyOptions? Options = null,
    LabRuntime Runtime = LabRuntime.Dotnet,
    LabTargets Targets = LabTargets.Simulated,
    IReadOnlyList<int>? Sweep = null)
{
    public const int MaxRepeat = 50;
    public const int MaxWarmup = 10;

    public StrategyOptions EffectiveOptions => Options ?? new StrategyOptions();

    /// <summary>Where the workload's files go: under the data folder on disk (default) or in memory (tmpfs).</summary>
    public LabOutput Output { get; init; } = LabOutput.Disk;

    /// <summary>
    /// What runs, in order, per repetition: each strategy's .NET form and/or its Python twin's key
    /// (<see cref="PythonTwins.Key"/>), the two runtimes interleaved strategy by strategy.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> StrategyRuns =>
    [
        .. Strategies.SelectMany(s => (Runtime, PythonTwins.HasTwin(s)) switch
        {
            _ when HasSweep && StrategySizes.IsSized(s) => SweepSizes.Select(n => StrategySizes.Key(s, n)).ToArray(),
            (LabRuntime.Dotnet, _) => [s],
            (LabRuntime.Python, _) => [PythonTwins.Key(s)],
            (LabRuntime.Both, true) => new[] { s, PythonTwins.Key(s) },
            _ => [s],
        }),
    ];

    /// <summary>True when the plan sweeps its sized strategies' sizes.</summary>
    [JsonIgnore]
    public bool HasSweep => Sweep is { Count: > 0 };

    /// <summary>The sweep's sizes, smallest first; empty without a sweep.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> SweepSizes => Sweep is { Count: > 0 } sweep ? [.. sweep.Order()] : [];

    /// <summary>Ticked strategies that have no Python twin although Python is asked for (shown, never dropped silently).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> WithoutPythonTwin =>
        Runtime == LabRuntime.Dotnet ? [] : [.. Strategies.Where(s => StrategyCatalog.IsKnown(s) && !PythonTwins.HasTwin(s))];

    /// <summary>Problems with the whole plan keyed by camelCase field; empty when valid.</summary>
    /// <summary>
    /// The strategies' own task limits (<see cref="StrategyDescriptor.TaskLimit"/>) and the Python
    /// twins' (<see cref="PythonTwins.MaxTasks"/>), each refusal with its reason and what runs more.
    /// </summary>
    private IEnumerable<string> TaskLimitProblems()
    {
        var tasks = Parameters.TaskCount;
        foreach (var strategy in Strategies.Where(StrategyCatalog.IsKnown).Distinct(StringComparer.Ordinal))
        {
            if (StrategyCatalog.Get(strategy).TaskLimit is { } limit && tasks > limit.Max)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"{strategy} runs at most {limit.Max:N0} tasks: {limit.Why}. Untick {strategy}, or run fewer tasks.");
            }
        }

        if (Runtime != LabRuntime.Dotnet && tasks > PythonTwins.MaxTasks)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"A Python twin runs at most {PythonTwins.MaxTasks:N0} tasks: {PythonTwins.MaxTasksWhy}. Choose runtime dotnet for more.");
        }
    }

    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new ParameterErrors();
        if (Strategies.Count == 0)
        {
            errors.Add("strategies", "Pick at least one strategy.");
        }

        foreach (var unknown in Strategies.Where(s => !StrategyCatalog.IsKnown(s)))
        {
            errors.Add("strategies", $"Unknown strategy '{ValueEcho.Short(unknown)}'. Known: {StrategyCatalog.IdList}.");
        }

        if (Strategies.Distinct(StringComparer.Ordinal).Count() != Strategies.Count)
        {
            errors.Add("strategies", "Each strategy may appear once.");
        }

        if (!Enum.IsDefined(Runtime))
        {
            errors.Add("runtime", $"runtime must be one of {string.Join(", ", PythonTwins.RuntimeIds)}.");
        }
        else if (Runtime == LabRuntime.Python)
        {
            foreach (var strategy in WithoutPythonTwin)
            {
                errors.Add("strategies", $"{strategy} has no Python twin: untick it, or choose runtime both (it then runs in .NET only).");
            }
        }

        if (Runtime != LabRuntime.Dotnet && WorkloadCatalog.Find(Parameters.Workload) is { HasPythonTwin: false })
        {
            errors.Add("runtime", $"The {Parameters.Workload} workload has no Python twin: choose runtime dotnet.");
        }

        foreach (var problem in TaskLimitProblems())
        {
            errors.Add("tasks", problem);
        }

        if (!Enum.IsDefined(Targets))
        {
            errors.Add("targets", $"targets must be one of {string.Join(", ", LabTargetIds.All)}.");
        }
        else if (Targets == LabTargets.Real && !WorkloadCatalog.Of(Parameters).CallsTargets)
        {
            errors.Add("targets", $"targets real applies to the {WorkloadCatalog.Names(w => w.CallsTargets, "and")} workloads only ({Parameters.Workload} calls no target).");
        }

        if (!Enum.IsDefined(Output))
        {
            errors.Add("output", $"output must be one of {string.Join(", ", LabOutputIds.All)}.");
        }

        if (HasSweep)
        {
            foreach (var problem in StrategySizes.Validate(Sweep!, Strategies))
            {
                errors.Add("sweep", problem);
            }

            if (Runtime != LabRuntime.Dotnet)
            {
                errors.Add("sweep", "A sweep runs the .NET strategies only: choose runtime dotnet.");
            }
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
