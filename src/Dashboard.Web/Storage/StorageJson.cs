using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Storage;

/// <summary>How plans and parameters are written into JSON columns: camelCase, enums as strings.</summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropComputedWorkloadProperties } },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// [JsonIgnore] on the abstract Workload/TaskCount does not reach the overrides in the derived
    /// records, and a serialised "workload" property would clash with the type discriminator.
    /// </summary>
    private static void DropComputedWorkloadProperties(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !typeof(WorkloadParameters).IsAssignableFrom(typeInfo.Type))
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            var name = typeInfo.Properties[i].Name;
            if (name is "workload" or "taskCount")
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
