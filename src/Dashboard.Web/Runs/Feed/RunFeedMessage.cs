using System.Text.Json.Serialization;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Feed;

/// <summary>
/// What a watcher of one run receives: first one snapshot, then batches. In JSON a "type"
/// discriminator ("snapshot" or "batch") comes first so .NET and JS clients can tell them apart.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunFeedSnapshot), "snapshot")]
[JsonDerivedType(typeof(RunFeedBatch), "batch")]
public abstract record RunFeedMessage(long RunId);

/// <summary>Everything so far: the run and all its events up to <paramref name="LastSeq"/>.</summary>
public sealed record RunFeedSnapshot(long RunId, RunSummary Run, IReadOnlyList<WireEvent> Events, long LastSeq)
    : RunFeedMessage(RunId);

/// <summary>
/// New events since the previous message (sent at most every ~100 ms), and the run when its
/// state or results changed.
/// </summary>
public sealed record RunFeedBatch(long RunId, IReadOnlyList<WireEvent> Events, RunSummary? Run)
    : RunFeedMessage(RunId);
