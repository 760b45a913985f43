using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The Run page's editable state. Values are kept as typed raw input (no clamping) so that
/// <see cref="RunPlan.Validate"/> is the one judge of limits and its messages show on the form.
/// </summary>
public sealed class RunForm
{
    /// <summary>The error key of a plan over the run budget (as <see cref="Runs.Admission.RunBudget"/> throws it).</summary>
    public const string BudgetField = "budget";

    private Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>Each workload's parameters as typed, starting from its tutorial preset; switching workloads keeps them.</summary>
    private readonly Dictionary<string, WorkloadParameters> _typed = WorkloadCatalog.All.ToDictionary(
        w => w.Id, w => WorkloadPresets.Get(w.Id, WorkloadPresets.Tutorial), StringComparer.Ordinal);

    public string Workload { get; private set; } = WorkloadCatalog.Ids[0];

    public HashSet<string> Strategies { get; } = new(StrategyCatalog.DefaultIds, StringComparer.Ordinal);

    /// <summary>.NET (default), the Python twins, or both side by side.</summary>
    public LabRuntime Runtime { get; set; } = LabRuntime.Dotnet;

    /// <summary>Simulated (default) or the configured real targets; applies to genre and scrape only.</summary>
    public LabTargets Targets { get; set; } = LabTargets.Simulated;

    /// <summary>Where the workload's files go: disk (default) or memory (tmpfs); applies to genre and scrape, which write files.</summary>
    public LabOutput Output { get; set; } = LabOutput.Disk;

    public int Repeat { get; set; } = 1;

    public int Warmup { get; set; }

    /// <summary>The strategies' size knobs as typed; an unset knob takes its default.</summary>
    public StrategyOptions Sizes { get; set; } = new();

    /// <summary>
    /// The scaling sweep as typed ("1,2,4,8"); empty = no sweep. Read by <see cref="StrategySizes.TryParseList"/>,
    /// judged by <see cref="RunPlan.Validate"/> like every other field.
    /// </summary>
    public string SweepText { get; set; } = "";

    /// <summary>The preset last applied, until a value is edited by hand (shown as the selected button).</summary>
    public string? Preset { get; set; } = WorkloadPresets.Tutorial;

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    /// <summary>Switches workload; its parameters keep what was typed for it before.</summary>
    public void SelectWorkload(string workload)
    {
        _ = WorkloadCatalog.Get(workload);
        Workload = workload;
        _errors.Clear();
    }

    public bool IsSelected(string strategy) => Strategies.Contains(strategy);

    public void SetStrategy(string strategy, bool selected)
    {
        if (selected)
        {
            Strategies.Add(strategy);
        }
        else
        {
            Strategies.Remove(strategy);
        }

        _errors.Remove("strategies");
        _errors.Remove(BudgetField);
    }

    /// <summary>Sets the sweep as typed; its message and the budget's go (the preset stays: a sweep is not one of its values).</summary>
    public void SetSweep(string? text)
    {
        SweepText = text?.Trim() ?? "";
        _errors.Remove("sweep");
        _errors.Remove(BudgetField);
    }

    /// <summary>Switches targets; their message goes.</summary>
    public void SetTargets(LabTargets targets)
    {
        Targets = targets;
        _errors.Remove("targets");
    }

    /// <summary>Switches where outputs go; its message goes.</summary>
    public void SetOutput(LabOutput output)
    {
        Output = output;
        _errors.Remove("output");
    }

    /// <summary>The selected workload's descriptor.</summary>
    public WorkloadDescriptor Descriptor => WorkloadCatalog.Get(Workload);

    /// <summary>True for the workloads that write files, where the output choice matters.</summary>
    public bool WritesFiles => Descriptor.WritesOutputs;

    /// <summary>Sets one of the selected workload's fields as typed; its message and the budget's go, and the preset is no longer the one shown.</summary>
    public void Set(WorkloadField field, object? value)
    {
        var parameters = _typed[Workload];
        _typed[Workload] = (field, value) switch
        {
            (IntField number, int n) => number.With(parameters, n),
            (TextField text, string t) => text.With(parameters, t),
            (TextField text, null) => text.With(parameters, string.Empty),
            (ChoiceField choice, string c) => choice.With(parameters, c == ChoiceField.Auto ? null : c),
            _ => throw new ArgumentException($"{field.Name} does not take {value ?? "null"}.", nameof(value)),
        };
        Edited(field.Name);
    }

    /// <summary>
    /// Switches runtime; the strategies' and runtime's messages go (they may no longer apply). A
    /// preset still in force (no value edited since) is fitted again to the new runtime: its sizes
    /// depend on it (Python's power tasks are sized apart from .NET's), the ticked strategies stay.
    /// </summary>
    public void SetRuntime(LabRuntime runtime, Func<PresetMachine>? machine = null)
    {
        var before = Runtime;
        Runtime = runtime;
        _errors.Remove("runtime");
        _errors.Remove("strategies");
        _errors.Remove(BudgetField);
        if (Preset is not { } preset || before == runtime)
        {
            return;
        }

        // A choice the preset made for the old runtime (power's managed engine for both) goes back
        // to auto first, so the machine is read as this runtime's preset would find it.
        var chosenByPreset = WorkloadPresets.Get(Workload, preset, PresetMachine.Default with { Runtime = before });
        foreach (var choice in Descriptor.Fields.OfType<ChoiceField>().Where(c => c.Get(chosenByPreset) is not null))
        {
            _typed[Workload] = choice.With(_typed[Workload], null);
        }

        _typed[Workload] = PresetParameters(preset, machine?.Invoke() ?? PresetMachine.Default with { Runtime = runtime });
    }

    /// <summary>
    /// Fills the selected workload's sizes and text from its preset, fitted to
    /// <paramref name="machine"/> (default: the cost model's machine); a choice (such as the
    /// arithmetic) stays as picked unless the preset sets it. The strategies become
    /// <see cref="PresetStrategies"/>; <see cref="PresetPreview"/> says beforehand what changes.
    /// </summary>
    public void ApplyPreset(string preset, PresetMachine? machine = null)
    {
        var parameters = PresetParameters(preset, machine ?? PresetMachine.Default);
        _typed[Workload] = parameters;
        Preset = preset;
        _errors.Clear();
        Strategies.Clear();
        Strategies.UnionWith(PresetStrategies(preset, parameters));
    }

    /// <summary>The parameters <paramref name="preset"/> would set: its own fitted to the machine, choices it leaves open kept as picked.</summary>
    public WorkloadParameters PresetParameters(string preset, PresetMachine machine)
    {
        var parameters = WorkloadPresets.Get(Workload, preset, machine);
        foreach (var choice in Descriptor.Fields.OfType<ChoiceField>())
        {
            if (choice.Get(parameters) is null)
            {
                parameters = choice.With(parameters, choice.Get(_typed[Workload]));
            }
        }

        return parameters;
    }

    /// <summary>
    /// The strategies a preset ticks: the default ones; Stress on a waiting workload only those
    /// whose lanes grow with the tasks (the others would queue thousands of waits a few at a time
    /// for many minutes; they can still be ticked by hand).
    /// </summary>
    public IReadOnlyList<string> PresetStrategies(string preset, WorkloadParameters parameters) =>
        preset == WorkloadPresets.Stress && Descriptor.Kind != WorkloadKind.CpuBound
            ? [.. StressStrategies(parameters)]
            : StrategyCatalog.DefaultIds;

    /// <summary>The strategies of "all" that have every task going at once (their lanes grow with the tasks), so thousands of waits overlap.</summary>
    private static IEnumerable<string> StressStrategies(WorkloadParameters parameters) => StrategyCatalog.DefaultIds.Where(id =>
        StrategyCatalog.Lanes(id, new LaneQuestion(new StrategyOptions(), Environment.ProcessorCount, parameters.TaskCount, CpuBound: false)) == parameters.TaskCount);

    public WorkloadParameters Parameters() => _typed[Workload];

    /// <summary>The plan as typed, strategies in the dashboard's order.</summary>
    public RunPlan ToPlan()
    {
        StrategyOptions? options = StrategyKnobs.All.All(k => k.Get(Sizes) is null) ? null : Sizes;
        var parameters = Parameters();
        var targets = Descriptor.CallsTargets ? Targets : LabTargets.Simulated;

        // Unreadable sweep text runs no sweep here; Validate says what is wrong with it.
        var sweep = StrategySizes.TryParseList(SweepText, out var sizes, out _) && sizes.Count > 0 ? sizes : null;
        return new RunPlan(parameters, StrategyCatalog.Ids.Where(Strategies.Contains).ToList(), Repeat, Warmup, options, Runtime, targets, sweep)
        {
            Output = WritesFiles ? Output : LabOutput.Disk,
        };
    }

    /// <summary>Validates the plan; true when it may be enqueued. Errors are kept per field.</summary>
    public bool Validate(out RunPlan plan)
    {
        plan = ToPlan();
        var errors = plan.Validate().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (!StrategySizes.TryParseList(SweepText, out _, out var sweepError))
        {
            errors["sweep"] = [sweepError!];
        }

        SetErrors(errors);
        return _errors.Count == 0;
    }

    public void SetErrors(IReadOnlyDictionary<string, string[]> errors) =>
        _errors = errors.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    public bool HasError(string field) => _errors.ContainsKey(field);

    public string? ErrorFor(string field) =>
        _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>
    /// Clears one field's message once it has been edited, and the budget's: any edit changes the
    /// estimate, which the page shows afresh.
    /// </summary>
    public void Edited(string field)
    {
        _errors.Remove(field);
        _errors.Remove(BudgetField);
        Preset = null;
    }
}
