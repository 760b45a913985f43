using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Storage;

namespace Dashboard.Web.Compare;

/// <summary>
/// The settings that differ between compared runs, each as one line with every run's value in
/// order ("genre latency: 280 ms vs 80 ms"): what could explain a ratio besides the strategies.
/// Settings every run shares are left out; nothing differs gives an empty list.
/// </summary>
public static partial class CompareSettings
{
    public static IReadOnlyList<string> Differences(IReadOnlyList<RunView> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count < 2)
        {
            return [];
        }

        var settings = new List<(string Name, Func<RunView, string?> Value)>
        {
            ("workload", r => WorkloadCatalog.Find(r.Run.Plan.Parameters.Workload)?.Title ?? r.Run.Plan.Parameters.Workload),
            ("repetitions", r => r.Run.Plan.Repeat.ToString(CultureInfo.InvariantCulture)),
            ("warm-ups", r => r.Run.Plan.Warmup.ToString(CultureInfo.InvariantCulture)),
            ("runtime", r => PythonTwins.Id(r.Run.Plan.Runtime)),
            ("strategies", r => string.Join(", ", r.Run.Plan.Strategies)),
            ("arithmetic", r => r.Environment?.ArithmeticEngine),
            ("cores", r => r.Environment?.CoreCount.ToString(CultureInfo.InvariantCulture)),
            ("CPU", r => r.Environment?.CpuModel),
        };

        // The workload's own fields, when every run is of the same workload.
        if (runs.Select(r => r.Run.Plan.Parameters.Workload).Distinct().Count() == 1
            && WorkloadCatalog.Find(runs[0].Run.Plan.Parameters.Workload) is { } workload)
        {
            settings.AddRange(workload.Fields.Select(f => (f.Label.ToLowerInvariant(), (Func<RunView, string?>)(r => FieldValueText.Of(f, r.Run.Plan.Parameters)))));
        }

        var knobs = runs.SelectMany(r => r.Environment?.Knobs.Keys ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        settings.AddRange(knobs.Select(k => (KnobName(k), (Func<RunView, string?>)(r => r.Environment?.Knobs.GetValueOrDefault(k) is { } v ? KnobValue(k, v) : null))));

        return [.. settings
            .Select(s => (s.Name, Values: runs.Select(r => s.Value(r) ?? "not recorded").ToList()))
            .Where(s => s.Values.Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(s => $"{s.Name}: {string.Join(" vs ", s.Values)}")];
    }

    /// <summary>"genreLatencyMs" → "genre latency".</summary>
    private static string KnobName(string key) =>
        Words().Replace(Milliseconds().Replace(key, ""), " $1").ToLowerInvariant();

    /// <summary>A knob's value with its unit ("280 ms" for a key ending in Ms).</summary>
    private static string KnobValue(string key, string value) => key.EndsWith("Ms", StringComparison.Ordinal) ? $"{value} ms" : value;

    [GeneratedRegex("Ms$")]
    private static partial Regex Milliseconds();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Words();
}
