using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Storage;

/// <summary>One line of the run history: no spans, no per-repetition results.</summary>
/// <param name="MedianWallSeconds">Median wall time per strategy over measured repetitions (warmups excluded), in plan order.</param>
public sealed record RunListItem(
    long Id,
    string? Label,
    string Workload,
    RunState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int TaskCount,
    IReadOnlyList<string> Strategies,
    int Repeat,
    int Warmup,
    string? Error,
    bool EventsSampled,
    bool Imported,
    IReadOnlyDictionary<string, double> MedianWallSeconds);
