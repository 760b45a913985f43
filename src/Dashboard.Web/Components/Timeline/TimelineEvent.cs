using Dashboard.Web.Runs;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// A <see cref="WireEvent"/> as the timeline module needs it: the finished repetition's result is
/// reduced to its wall time and outcome, because its spans (thousands of them) are already on screen.
/// </summary>
public sealed record TimelineEvent(
    string Type,
    string Strategy,
    int Repetition,
    int Task,
    string? Kind,
    double Time,
    double WallMs,
    string? Lane,
    string? Detail,
    int? TaskCount,
    double? WallSeconds,
    string? Outcome)
{
    /// <summary>Details are tooltips: long ones (a scraped page's summary) are cut to keep batches small.</summary>
    public const int MaxDetailLength = 300;

    public static TimelineEvent From(WireEvent e)
    {
        var detail = e.Detail is { Length: > MaxDetailLength } ? string.Concat(e.Detail.AsSpan(0, MaxDetailLength), "…") : e.Detail;
        var outcome = e.Result switch
        {
            null => null,
            { Cancelled: true } => "cancelled",
            { Succeeded: true } => "ok",
            _ => "failed",
        };
        return new TimelineEvent(
            e.Type, e.Strategy, e.Repetition, e.Task, e.Kind, e.Time, e.WallMs, e.Lane, detail,
            e.TaskCount, e.Result?.WallSeconds, outcome);
    }
}
