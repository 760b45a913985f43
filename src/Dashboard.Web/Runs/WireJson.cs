using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Runs;

/// <summary>
/// JSON settings for runs on the wire (hub, API): camelCase, enums as camelCase strings, lanes as
/// "pid:tid" strings, and the workload parameters' computed members left out. Apply to any camelCase options that serialise
/// a <see cref="RunSummary"/>.
/// </summary>
public static class WireJson
{
    /// <summary>Adds the enum converter and the parameters fix to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy ??= JsonNamingPolicy.CamelCase;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        }

        if (!options.Converters.OfType<LaneJsonConverter>().Any())
        {
            options.Converters.Add(new LaneJsonConverter());
        }

        var resolver = options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver();
        options.TypeInfoResolver = resolver.WithAddedModifier(DropComputedParameterMembers);
        return options;
    }

    // The parameter records override the [JsonIgnore]d Workload and TaskCount without the attribute;
    // under camelCase "workload" then collides with the "workload" type discriminator and
    // serialisation throws. Both are computed, so dropping them loses nothing.
    private static void DropComputedParameterMembers(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !typeof(WorkloadParameters).IsAssignableFrom(info.Type))
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Name is "workload" or "taskCount" or "Workload" or "TaskCount")
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
