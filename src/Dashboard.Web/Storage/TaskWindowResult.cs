using Dashboard.Engine.Running;

namespace Dashboard.Web.Storage;

/// <summary>
/// The tasks of one <see cref="TaskWindow"/>, in start order. <paramref name="StoredSpans"/>: the
/// repetition's spans that were searched (a stored run may keep a sample, then
/// <paramref name="Sampled"/> is true and the window holds only the sampled tasks).
/// </summary>
public sealed record TaskWindowResult(
    long RunId,
    string Strategy,
    int Repetition,
    int TaskCount,
    int StoredSpans,
    bool Sampled,
    StrategyResult Result,
    IReadOnlyList<TaskSpan> Spans);
