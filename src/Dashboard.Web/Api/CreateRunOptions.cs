namespace Dashboard.Web.Api;

/// <summary>The "options" of POST /api/runs: the bench verb's flags in camelCase.</summary>
public sealed record CreateRunOptions(
    int? Start = null,
    string? Engine = null,
    int? DelayMs = null,
    string? Name = null,
    string? Preset = null,
    int? Threads = null,
    int? AsyncCap = null,
    int? Degree = null,
    int? Processes = null);
