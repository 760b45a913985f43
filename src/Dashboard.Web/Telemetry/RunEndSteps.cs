using System.Diagnostics;

namespace Dashboard.Web.Telemetry;

/// <summary>
/// Spans of what happens between a run's end and every page showing it finished (ActivitySource
/// <see cref="DashboardTelemetry.RunsName"/>), each tagged with the run's id: the end published to
/// watchers, the store's save, the shared analysis, and each watching page's finished render. They
/// cost a check while nobody listens; the classroom benchmark listens to time the end.
/// </summary>
public static class RunEndSteps
{
    /// <summary>The run's final state handed to its watchers (an instant).</summary>
    public const string Published = "run.end.published";

    /// <summary>The store's save of the finished run (the end's observers, storage among them).</summary>
    public const string Stored = "run.end.stored";

    /// <summary>The run's figures, statistics, limits and Explain computed (once per run and version).</summary>
    public const string Analysed = "run.analysed";

    /// <summary>One watching page renders the results (an instant; the browser shows them when the batch arrives).</summary>
    public const string PageResults = "run.page.results";

    /// <summary>One watching page: from hearing the end to the browser's acknowledgement of the render with the results.</summary>
    public const string PageShown = "run.page.finished";

    /// <summary>A span for <paramref name="runId"/>, its own trace; null when nobody listens.</summary>
    public static Activity? Start(string name, long runId)
    {
        var source = DashboardTelemetry.RunsSource;
        if (!source.HasListeners())
        {
            return null;
        }

        var previous = Activity.Current;
        Activity.Current = null;
        var activity = source.StartActivity(name, ActivityKind.Internal, parentContext: default);
        activity?.SetTag(DashboardTelemetry.RunIdAttribute, runId);
        Activity.Current = previous;
        return activity;
    }

    /// <summary>Ends a span from <see cref="Start"/> without touching the caller's current activity.</summary>
    public static void Stop(Activity? activity)
    {
        if (activity is null)
        {
            return;
        }

        var previous = Activity.Current;
        activity.Stop();
        Activity.Current = previous;
    }

    /// <summary>An instant: a span that starts and stops at once.</summary>
    public static void Mark(string name, long runId) => Stop(Start(name, runId));
}
