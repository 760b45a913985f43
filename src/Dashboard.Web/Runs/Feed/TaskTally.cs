using System.Text.Json.Serialization;

namespace Dashboard.Web.Runs.Feed;

/// <summary>
/// Tasks of one time bucket of one strategy repetition that started, ended ok, failed or were
/// cancelled since the previous tally of the same bucket (a delta: a reader adds them up). The
/// tally's wire event names the bucket by its Task (index b: [b × <paramref name="Width"/>,
/// (b + 1) × Width) seconds from the repetition's start).
/// </summary>
public sealed record TaskTally(double Width, int Started, int Ok, int Failed, int Cancelled)
{
    /// <summary>Tasks that ended (ok, failed or cancelled); not on the wire (readers add the three).</summary>
    [JsonIgnore]
    public int Ended => Ok + Failed + Cancelled;
}
