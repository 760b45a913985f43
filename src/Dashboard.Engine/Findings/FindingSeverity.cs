using System.Text.Json.Serialization;

namespace Dashboard.Engine.Findings;

/// <summary>How much a finding matters (BenchmarkDotNet's conclusion kinds): written "info", "warning", "error".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingSeverity>))]
public enum FindingSeverity
{
    /// <summary>Worth knowing; nothing is wrong.</summary>
    [JsonStringEnumMemberName("info")]
    Info,

    /// <summary>The figures show an anti-pattern or a cost that hides the lesson.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Work did not happen: tasks failed.</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}
