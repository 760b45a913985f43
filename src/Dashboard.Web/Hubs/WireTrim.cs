using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Hubs;

/// <summary>
/// What the hub leaves out on the wire: task spans, except in a finished run's summary. Spans
/// repeat what the task events already say, and a running run's summary is re-sent at each
/// strategy's end, so sending them every time would cost a 7-strategy, 10,000-task run tens of
/// MB. In-process watchers (Blazor) keep the full objects; they cost nothing there.
/// </summary>
public static class WireTrim
{
    public static RunFeedMessage ForWire(RunFeedMessage message) => message switch
    {
        RunFeedSnapshot snapshot => snapshot with { Run = Trim(snapshot.Run), Events = Trim(snapshot.Events) },
        RunFeedBatch batch => batch with { Run = batch.Run is null ? null : Trim(batch.Run), Events = Trim(batch.Events) },
        _ => message,
    };

    private static RunSummary Trim(RunSummary run) =>
        run.IsFinished || run.Results.All(r => r.Spans.Count == 0)
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
