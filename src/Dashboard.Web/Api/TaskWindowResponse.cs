using Dashboard.Engine.Running;

namespace Dashboard.Web.Api;

/// <summary>
/// GET /api/runs/{id}/tasks: the window as asked (from/to or first/last), the repetition's task
/// count and stored spans (sampled: the store kept a sample, so the window holds only sampled
/// tasks), and the window's spans in start order.
/// </summary>
public sealed record TaskWindowResponse(
    long RunId,
    string Strategy,
    int Repetition,
    int TaskCount,
    int StoredSpans,
    bool Sampled,
    double? From,
    double? To,
    int? First,
    int? Last,
    int Count,
    IReadOnlyList<TaskSpan> Spans);
