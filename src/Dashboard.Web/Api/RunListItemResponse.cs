namespace Dashboard.Web.Api;

/// <summary>One run in GET /api/runs.</summary>
/// <param name="MedianWallSeconds">Per strategy, the median wall time of the measured repetitions.</param>
public sealed record RunListItemResponse(
    long Id,
    string? Label,
    string Workload,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int Tasks,
    IReadOnlyList<string> Strategies,
    int Repeat,
    int Warmup,
    string? Error,
    bool EventsSampled,
    bool Imported,
    IReadOnlyDictionary<string, double> MedianWallSeconds);
