using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Hubs;

/// <summary>
/// What the hub leaves out on the wire: task spans, except in a finished run's summary. Spans
/// repeat what the task events already say, and a running run's summary is re-sent at each
/// strategy's end, so sending them every time would cost a 7-strategy, 10,000-task run tens of
/// MB. In-process watchers (Blazor) keep the full objects; they cost nothing there. A finished
/// run's summary keeps its spans only while no result has more than <see cref="MaxSpansPerResult"/>:
/// a million-task run's spans (over 100 MB of JSON) are read by window from the REST API instead
/// (GET /api/runs/{id}/tasks), and its feed carries tallies.
/// </summary>
public static class WireTrim
{
    /// <summary>Spans per result a finished run's summary carries over the hub at most (the live page's aggregation default).</summary>
    public const int MaxSpansPerResult = RunServiceOptions.DefaultAggregateAbove;

    public static RunFeedMessage ForWire(RunFeedMessage message) => message switch
    {
        RunFeedSnapshot snapshot => snapshot with { Run = Trim(snapshot.Run), Events = Trim(snapshot.Events) },
        RunFeedBatch batch => batch with { Run = batch.Run is null ? null : Trim(batch.Run), Events = Trim(batch.Events) },
        _ => message,
    };

    /// <summary>A run summary as the hub sends it (<see cref="RunHub.GetRun"/> too).</summary>
    public static RunSummary ForWire(RunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Trim(run);
    }

    private static RunSummary Trim(RunSummary run) =>
        run.Results.All(r => r.Spans.Count == 0) || (run.IsFinished && run.Results.All(r => r.Spans.Count <= MaxSpansPerResult))
            ? run
            : run with { Results = run.Results.Select(WithoutSpans).ToArray() };

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
