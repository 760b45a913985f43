using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// What applying a preset would do to the form, shown before it is applied: each value it changes
/// (from, to), the strategies it ticks and those it unticks with the reason, and what the sizes take
/// on this machine. Nothing is unticked without a line here.
/// </summary>
/// <param name="Preset">The preset's id ("quick").</param>
/// <param name="Description">The preset's own line.</param>
/// <param name="Expectation">What it takes on this machine ("about 1.0 s in .NET sequentially on this machine ..."), when the workload can say.</param>
/// <param name="Changes">"Start (first i): 1,000,000 → 420,000", one per value that changes.</param>
/// <param name="Ticks">Strategy names the preset ticks that are not ticked now.</param>
/// <param name="Unticks">Strategies it unticks, each with why.</param>
public sealed record PresetPreview(
    string Preset,
    string Description,
    string? Expectation,
    IReadOnlyList<string> Changes,
    IReadOnlyList<string> Ticks,
    IReadOnlyList<string> Unticks)
{
    /// <summary>The preview of <paramref name="preset"/> on <paramref name="form"/> as it is now, fitted to <paramref name="machine"/>.</summary>
    public static PresetPreview Build(RunForm form, string preset, PresetMachine machine)
    {
        ArgumentNullException.ThrowIfNull(form);
        var own = WorkloadPresets.Find(form.Workload, preset)
            ?? throw new ArgumentException($"No preset '{preset}' for {form.Workload}.", nameof(preset));
        var now = form.Parameters();
        var next = form.PresetParameters(preset, machine);
        var changes = form.Descriptor.Fields
            .Select(f => (f.Label, From: FieldValueText.Of(f, now), To: FieldValueText.Of(f, next)))
            .Where(c => c.From != c.To)
            .Select(c => $"{c.Label}: {c.From} → {c.To}")
            .ToList();

        var ticked = form.PresetStrategies(preset, next);
        var ticks = ticked.Where(id => !form.IsSelected(id)).Select(Name).ToList();
        var stress = preset == WorkloadPresets.Stress && form.Descriptor.Kind != WorkloadKind.CpuBound;
        var unticks = StrategyCatalog.Ids
            .Where(id => form.IsSelected(id) && !ticked.Contains(id))
            .Select(id => StrategyCatalog.DefaultIds.Contains(id) && stress
                ? $"{Name(id)}: its lanes do not grow with the tasks, so {next.TaskCount:N0} waits would queue a few at a time for minutes (tick it by hand to see that)"
                : $"{Name(id)}: not one of the preset's strategies (presets tick the default ones; tick it again after applying)")
            .ToList();
        return new PresetPreview(preset, own.Description, own.Expect?.Invoke(next, machine), changes, ticks, unticks);
    }

    private static string Name(string id) => StrategyCatalog.Get(id).Name;
}
