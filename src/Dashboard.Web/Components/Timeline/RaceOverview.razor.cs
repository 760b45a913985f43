using System.Globalization;
using Dashboard.Web.Components.Shared;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Explain;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// The live page's first picture: every strategy of the run as a row on one time axis, with its
/// progress (done of total, failed, in flight) and its time: the clock while it runs, its median
/// wall time once measured (the summary table's figure). The tracks are drawn by the timeline
/// module from the same events as the timelines (<see cref="RunTimeline"/> hands it this
/// section's id).
/// </summary>
public sealed partial class RaceOverview : ComponentBase
{
    private Dictionary<string, StrategyFigures> _figures = new(StringComparer.Ordinal);

    /// <summary>The run whose strategies race.</summary>
    [Parameter, EditorRequired]
    public LiveRunModel Model { get; set; } = default!;

    /// <summary>The clock elapsed times are read against.</summary>
    [Parameter]
    public DateTimeOffset Now { get; set; }

    /// <summary>The section's element id for a run: how the timeline module finds the tracks.</summary>
    public static string ElementId(long runId) => string.Create(CultureInfo.InvariantCulture, $"race-{runId}");

    private long RunId => Model.Run.Id;

    /// <summary>
    /// The CPU calibration as the race's first phase: its clock while it measures, its measured length
    /// after (live and from the store); null when the run needed none or found one measured already.
    /// </summary>
    private string? CalibrationText =>
        !Model.Run.IsFinished && Model.Run.Activity == Runs.Lifecycle.RunService.CalibratingActivity
            ? $"running for {Fmt.Clock(Now - (Model.Run.StartedAt ?? Now))}: one process against all cores on this machine's CPU, once per machine and engine; the CPU limits are measured against it, and it counts in no strategy's wall time."
            : Model.Run.CalibrationSeconds is { } seconds
                ? $"{Fmt.Seconds(seconds)} before the first strategy: this machine's CPU measured once per machine and engine (one process against all cores), which the CPU limits use; it counts in no strategy's wall time."
                : null;

    private bool Repeated => Model.Run.Plan.Repeat + Model.Run.Plan.Warmup > 1;

    private string Caption
    {
        get
        {
            var plan = Model.Run.Plan;
            var which = plan.Repeat + plan.Warmup > 1 ? "Each strategy's latest repetition" : "Each strategy";
            var reps = Repeated ? " Under each track: its warm-up and repetitions in the order they ran, with their wall times." : "";
            return $"{which} from its own start, on one time axis: the height shows the tasks in flight (log scale), | marks the finish and its wall time.{reps}";
        }
    }

    [Inject]
    private RunAnalysisCache Analyses { get; set; } = default!;

    // Renders every tick while a run runs: the figures come from the run's shared analysis, computed once per ended repetition for every page.
    protected override void OnParametersSet() =>
        _figures = Analyses.Get(Model.Run.Id, Model.Run.Plan, null, Model.Results).Figures.ToDictionary(f => f.Strategy, StringComparer.Ordinal);

    /// <summary>
    /// One note per kind of start-up among the run's strategies (worker start, interpreter start,
    /// node start): the segment's label, the descriptor's sentence, and the strategies it applies to.
    /// </summary>
    private IReadOnlyList<(string Segment, string Sentence, string Names)> StartupNotes =>
        [.. Model.Run.Plan.StrategyRuns
            .Select(key => (Key: key, Startup: StrategyCatalog.StartupOf(key)))
            .Where(s => s.Startup.Counted)
            .GroupBy(s => s.Startup.Segment!, StringComparer.Ordinal)
            .Select(g => (g.Key, g.First().Startup.Sentence, string.Join(", ", g.Select(s => StrategyText.Name(s.Key)))))];

    private string PhaseText(StrategyProgress progress) => progress.Phase switch
    {
        StrategyPhase.Waiting => "waiting",
        // Before its first task a strategy that starts processes, an interpreter or nodes is starting them: say so, not "running".
        StrategyPhase.Running when RunActivity.Starting(progress, Model.Run) is { } starting =>
            progress.Repetition is < 0 ? $"warm-up · {starting}" : starting,
        // Repetitions interleave (each strategy's first, then each one's second...): a strategy whose
        // repetition ended waits for the others; only one strategy runs at a time.
        StrategyPhase.Running when progress.EndedWallMs is not null && progress.Repetition is < 0 =>
            $"waiting · warm-up {-progress.Repetition} of {Model.Run.Plan.Warmup} done",
        StrategyPhase.Running when progress.EndedWallMs is not null && progress.Repetition is { } done =>
            $"waiting · {done + 1} of {Fmt.Plural(Model.Run.Plan.Repeat, "repetition", "repetitions")} done",
        StrategyPhase.Running when progress.Repetition is < 0 => $"warm-up {-progress.Repetition} of {Model.Run.Plan.Warmup}",
        StrategyPhase.Running when progress.Repetition is { } rep && Model.Run.Plan.Repeat > 1 =>
            $"running · repetition {rep + 1} of {Model.Run.Plan.Repeat}",
        StrategyPhase.Running => "running",
        StrategyPhase.Finished => "finished",
        StrategyPhase.Skipped => "did not run",
        _ => "cancelled",
    };

    /// <summary>
    /// The clock while running; the measured wall time once finished (the median over repetitions);
    /// for a strategy cut short, how long it ran (the summary's figure, as the race's stop mark says).
    /// </summary>
    private string TimeText(StrategyProgress progress, StrategyFigures? figure) => progress.Phase switch
    {
        StrategyPhase.Waiting or StrategyPhase.Skipped => "–",
        StrategyPhase.Finished when figure is { Cancelled: false } f =>
            Model.Run.Plan.Repeat > 1 ? $"median {Fmt.Seconds(f.MedianWallSeconds)}" : Fmt.Seconds(f.MedianWallSeconds),
        StrategyPhase.Cancelled when figure is { Cancelled: true } f => $"stopped at {Fmt.Seconds(f.MedianWallSeconds)}",
        _ => Fmt.Clock(progress.Elapsed(Now)),
    };

    private static string Pct(double value) => Math.Max(0, value).ToString("0.##", CultureInfo.InvariantCulture);
}
