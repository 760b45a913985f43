using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Feed;

/// <summary>
/// The JSON shape of a run's data (plan, parameters, results, environment): camelCase, enums as
/// camelCase strings, nulls left out, computed properties dropped. The store and the exports both
/// use it, so a stored run and an exported one read the same way and neither owns the other's format.
/// </summary>
public static class RunJsonOptions
{
    /// <summary>One line per value: the store's columns and the API's export.</summary>
    public static JsonSerializerOptions Compact { get; } = CreateOptions(indented: false);

    /// <summary>Indented, for files people read.</summary>
    public static JsonSerializerOptions Indented { get; } = CreateOptions(indented: true);

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // Hand-edited or other tools' documents may put the "workload" discriminator anywhere.
            AllowOutOfOrderMetadataProperties = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropComputedProperties } },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// Leaves out get-only properties that no constructor takes (RunPlan.EffectiveOptions,
    /// StrategyOptions.Effective*, RunSummary.IsFinished, ...): they are recomputed on the reading
    /// machine, and the exporting machine's defaults (core count) would be wrong there. The
    /// statistics keep theirs (IsNoisy, HasOutliers): readers of the export want the verdicts.
    /// </summary>
    private static void DropComputedProperties(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Namespace == typeof(SampleStatistics).Namespace)
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            var property = typeInfo.Properties[i];
            // [JsonInclude] marks a computed property written for readers (a span's error); reading skips it.
            if (property.Set is null && property.AssociatedParameter is null
                && property.AttributeProvider?.IsDefined(typeof(JsonIncludeAttribute), inherit: false) != true)
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
