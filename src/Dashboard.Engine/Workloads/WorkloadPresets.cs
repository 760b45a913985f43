namespace Dashboard.Engine.Workloads;

/// <summary>
/// The presets every workload offers (its descriptor holds its own values): <c>tutorial</c> (the
/// tutorial's own sizes), <c>quick</c> (a few seconds at most for any strategy on a 2-core machine)
/// and <c>stress</c> (large).
/// </summary>
public static class WorkloadPresets
{
    public const string Tutorial = "tutorial";
    public const string Quick = "quick";
    public const string Stress = "stress";

    /// <summary>Preset ids in the order the UI shows them.</summary>
    public static IReadOnlyList<string> PresetIds { get; } = [Tutorial, Quick, Stress];

    /// <summary>Every preset of every workload, workloads in dashboard order.</summary>
    public static IReadOnlyList<WorkloadPreset> All => [.. WorkloadCatalog.All.SelectMany(w => w.Presets)];

    /// <summary>The presets of one workload (tutorial, quick, stress); none for an unknown id.</summary>
    public static IReadOnlyList<WorkloadPreset> For(string workload) => WorkloadCatalog.Find(workload)?.Presets ?? [];

    /// <summary>The parameters of <paramref name="preset"/> for <paramref name="workload"/>.</summary>
    /// <exception cref="ArgumentException">Unknown workload or preset (the message lists the known ones).</exception>
    public static WorkloadParameters Get(string workload, string preset) =>
        TryGet(workload, preset, out var parameters)
            ? parameters
            : throw new ArgumentException(
                $"No preset '{ValueEcho.Short(preset)}' for workload '{ValueEcho.Short(workload)}'. Workloads: {WorkloadCatalog.IdList}; presets: {string.Join(", ", PresetIds)}.",
                nameof(preset));

    /// <summary>The parameters of <paramref name="preset"/> for <paramref name="workload"/>, fitted to <paramref name="machine"/>.</summary>
    /// <exception cref="ArgumentException">Unknown workload or preset.</exception>
    public static WorkloadParameters Get(string workload, string preset, PresetMachine machine) =>
        Find(workload, preset)?.For(machine) ?? Get(workload, preset);

    /// <summary>One preset of one workload; null when either is unknown.</summary>
    public static WorkloadPreset? Find(string workload, string preset) =>
        For(workload).FirstOrDefault(p => string.Equals(p.Preset, preset, StringComparison.Ordinal));

    public static bool TryGet(string workload, string preset, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WorkloadParameters? parameters)
    {
        parameters = Find(workload, preset)?.Parameters;
        return parameters is not null;
    }
}
