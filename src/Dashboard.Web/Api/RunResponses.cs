using System.Text.Json;
using Dashboard.Engine.Findings;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Explain;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;

namespace Dashboard.Web.Api;

/// <summary>From the app's run records to the API's response shapes.</summary>
internal static class RunResponses
{
    public static string ToText(RunState state) => RunLifecycle.ToText(state);

    public static CreateRunResponse Created(RunSummary run) =>
        new(run.Id, ToText(run.State), run.QueuePosition, RunsApi.RunPath(run.Id));

    public static RunListResponse List(RunPage page) => new(
        page.Items.Select(i => new RunListItemResponse(
            i.Id, i.Label, i.Workload, ToText(i.State), i.CreatedAt, i.StartedAt, i.EndedAt, i.TaskCount,
            i.Strategies, i.Repeat, i.Warmup, i.Error, i.EventsSampled, i.Imported, i.MedianWallSeconds)).ToArray(),
        page.Total,
        page.Skip,
        page.Take);

    public static RunDetailsResponse Details(RunView view, RunAnalysisCache analyses)
    {
        var run = view.Run;
        var plan = run.Plan;
        // The statistics and the findings come from the run's one analysis, shared with its pages.
        var analysis = analyses.Get(run.Id, plan, view.Environment, run.Results);
        var statistics = analysis.Statistics;
        return new RunDetailsResponse(
            run.Id,
            run.Label,
            plan.Parameters.Workload,
            ToText(run.State),
            run.QueuePosition,
            run.CreatedAt,
            run.StartedAt,
            run.EndedAt,
            run.Error,
            JsonSerializer.SerializeToElement(plan.Parameters, RunJson.Options),
            plan.Strategies,
            plan.Repeat,
            plan.Warmup,
            JsonSerializer.SerializeToElement(plan.Options ?? new Engine.Strategies.StrategyOptions(), RunJson.Options),
            view.EventsSampled,
            view.StoredEventCount,
            view.TotalEventCount,
            view.Imported,
            view.Environment,
            statistics,
            run.Results.Select(r => new StrategyResultResponse(
                r.Strategy, r.Repetition, r.WallSeconds, r.CpuSeconds, r.Lanes, r.TasksOk, r.TasksFailed,
                r.OutputCheck, r.PeakMemoryBytes, r.Cancelled, r.Spans.Count)
            {
                TimeSplit = TimeSplit.Of(r),
                RuntimeEvents = r.RuntimeEvents,
            }).ToArray())
        {
            Sweep = plan.Sweep,
            Scaling = analysis.Scaling,
            Warnings = analysis.Findings,
        };
    }
}
