using System.Text.Json.Serialization;

namespace Dashboard.Engine.Workers;

/// <summary>
/// Source-generated JSON for the worker protocol: no reflection at start-up, which a worker
/// process would otherwise pay on every launch.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(WorkerJob))]
[JsonSerializable(typeof(WorkerMessage))]
[JsonSerializable(typeof(WorkerTasks))]
[JsonSerializable(typeof(string))] // the genre target's body, parsed inside workers
public sealed partial class WorkerJsonContext : JsonSerializerContext;
