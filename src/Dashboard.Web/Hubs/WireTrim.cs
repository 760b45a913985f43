using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Hubs;

/// <summary>
/// What the hub leaves out on the wire: task spans. Spans repeat what the task events already say;
/// a running run's summary is re-sent at each strategy's end, and a finished run's summary with its
/// spans was most of what a watcher received (3.6 of 3.9 MB for 10,000 tasks, once per watcher, at
/// the moment the run ends). So the <c>Watch</c> stream carries a run's spans only where its events
/// are gone: the snapshot of a run finished long ago (no events, spans read back from the store).
/// <see cref="RunHub.GetRun"/> returns a finished run's spans while no result has more than
/// <see cref="MaxSpansPerResult"/>: a million-task run's spans (over 100 MB of JSON) are read by
/// window from the REST API instead (GET /api/runs/{id}/tasks). In-process watchers (Blazor) keep
/// the full objects; they cost nothing there.
/// </summary>
public static class WireTrim
{
    /// <summary>Spans per result a finished run's summary carries through <see cref="RunHub.GetRun"/> at most (the live page's aggregation default).</summary>
    public const int MaxSpansPerResult = RunServiceOptions.DefaultAggregateAbove;

    /// <summary>A <c>Watch</c> message as the hub sends it: spans only in a snapshot without events.</summary>
    public static RunFeedMessage ForWire(RunFeedMessage message) => message switch
    {
        RunFeedSnapshot { Events.Count: 0 } snapshot => snapshot with { Run = Trim(snapshot.Run) },
        RunFeedSnapshot snapshot => snapshot with { Run = WithoutSpans(snapshot.Run), Events = Trim(snapshot.Events) },
        RunFeedBatch batch => batch with { Run = batch.Run is null ? null : WithoutSpans(batch.Run), Events = Trim(batch.Events) },
        _ => message,
    };

    /// <summary>A run summary as <see cref="RunHub.GetRun"/> sends it: a finished run's spans while no result has more than <see cref="MaxSpansPerResult"/>.</summary>
    public static RunSummary ForWire(RunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Trim(run);
    }

    private static RunSummary Trim(RunSummary run) =>
        run.IsFinished && run.Results.All(r => r.Spans.Count <= MaxSpansPerResult) ? run : WithoutSpans(run);

    private static RunSummary WithoutSpans(RunSummary run) =>
        run.Results.All(r => r.Spans.Count == 0) ? run : run with { Results = run.Results.Select(WithoutSpans).ToArray() };

    private static IReadOnlyList<WireEvent> Trim(IReadOnlyList<WireEvent> events)
    {
        if (!events.Any(e => e.Result is { Spans.Count: > 0 }))
        {
            return events;
        }

        return events.Select(e => e.Result is { Spans.Count: > 0 } result ? e with { Result = WithoutSpans(result) } : e).ToArray();
    }

    private static StrategyResult WithoutSpans(StrategyResult result) => result with { Spans = [] };
}
