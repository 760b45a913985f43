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

    /// <summary>
    /// The figures of the repetitions ended so far, from the page's analysis of the run (the run's
    /// shared one): the page hands them down, so the race never asks for an analysis of its own.
    /// </summary>
    [Parameter]
    public IReadOnlyList<StrategyFigures> Figures { get; set; } = [];

    private IReadOnlyList<StrategyFigures>? _figuresSeen;

    // Renders every tick while a run runs: the lookup is rebuilt only when the page hands new figures.
    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(Figures, _figuresSeen))
        {
            _figuresSeen = Figures;
            _figures = Figures.ToDictionary(f => f.Strategy, StringComparer.Ordinal);
        }
    }

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

    /// <summary>What an in-process strategy's row and note say: it starts nothing before its first task.</summary>
    public const string NoStartupMark = "no start-up";

    /// <summary>
    /// Beside start-up notes, the in-process strategies' own: none (their wall time is their tasks).
    /// Null when no strategy has a start-up (nothing to tell apart) or none runs in process.
    /// </summary>
    private (string Reason, string Names)? InProcessNote
    {
        get
        {
            if (StartupNotes.Count == 0)
            {
                return null;
            }

            var inProcess = Model.Run.Plan.StrategyRuns.Where(key => !StrategyCatalog.StartupOf(key).Counted).ToArray();
            return inProcess.Length == 0
                ? null
                : (Reason(StrategyCatalog.StartupOf(inProcess[0]).Sentence), string.Join(", ", inProcess.Select(StrategyText.Name)));

            // The descriptor's sentence opens with the mark the note already shows in bold.
            static string Reason(string sentence) => sentence.StartsWith("No start-up: ", StringComparison.Ordinal)
                ? sentence["No start-up: ".Length..]
                : sentence;
        }
    }

    /// <summary>What the clock measures once a strategy repeats: its own repetitions, not the others' between them.</summary>
    private string? TimeTitle(StrategyProgress progress) =>
        Repeated && progress.Phase is StrategyPhase.Running
            ? "Its own running time: its repetitions so far, added up (the other strategies' repetitions between them not counted)."
            : null;

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
