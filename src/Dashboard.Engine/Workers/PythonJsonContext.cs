using System.Text.Json.Serialization;

namespace Dashboard.Engine.Workers;

/// <summary>Source-generated JSON for the job handed to the Python twins' runner.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PythonJob))]
[JsonSerializable(typeof(PythonProbe))]
internal sealed partial class PythonJsonContext : JsonSerializerContext;
