using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Workers;

/// <summary>
/// The worker protocol's serializer metadata: <see cref="WorkerJsonContext"/> (source-generated,
/// no reflection) plus one fix-up. The parameter records override the computed
/// <see cref="WorkloadParameters.Workload"/> and <see cref="WorkloadParameters.TaskCount"/>, and the
/// source generator does not carry the base's [JsonIgnore] to the overrides, so "workload" would
/// clash with the type discriminator. Computed properties have no setter; dropping them is exact.
/// </summary>
public static class WorkerJson
{
    private static readonly JsonSerializerOptions Options = new(WorkerJsonContext.Default.Options)
    {
        TypeInfoResolver = WorkerJsonContext.Default.WithAddedModifier(DropComputedParameters),
    };

    /// <summary>Metadata for <see cref="WorkerJob"/>.</summary>
    public static JsonTypeInfo<WorkerJob> Job { get; } = (JsonTypeInfo<WorkerJob>)Options.GetTypeInfo(typeof(WorkerJob));

    /// <summary>Metadata for <see cref="WorkerMessage"/> and its derived messages.</summary>
    public static JsonTypeInfo<WorkerMessage> Message { get; } = (JsonTypeInfo<WorkerMessage>)Options.GetTypeInfo(typeof(WorkerMessage));

    private static void DropComputedParameters(JsonTypeInfo info)
    {
        if (!info.Type.IsAssignableTo(typeof(WorkloadParameters)))
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var name = info.Properties[i].Name;
            if (name is "workload" or "taskCount")
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
