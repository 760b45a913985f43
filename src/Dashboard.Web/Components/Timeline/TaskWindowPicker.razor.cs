using System.Globalization;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Storage;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// The live page's drill-down for a large run: says that the timelines aggregate and why, and once
/// the run has finished reads a window of at most <see cref="TaskWindow.MaxTasks"/> tasks (by start
/// time or by index; <see cref="TaskWindowReader"/>, as GET /api/runs/{id}/tasks does) and hands it
/// to the <see cref="RunTimeline"/>, which draws it in place of that strategy's counts.
/// </summary>
public sealed partial class TaskWindowPicker : ComponentBase
{
    private IReadOnlyList<string> _strategies = [];
    private string _strategy = "";
    private bool _byTime = true;
    private double? _from = 0;
    private double? _to = TaskTallies.BucketSeconds;
    private int? _first = 0;
    private int? _last = 999;
    private bool _reading;
    private string? _error;
    private TaskWindowResult? _shown;
    private double _shownOrigin;

    [Parameter, EditorRequired]
    public LiveRunModel Model { get; set; } = default!;

    /// <summary>The run's timelines, which draw the window (asked when needed: the page gets its reference after rendering).</summary>
    [Parameter]
    public Func<RunTimeline?> Timeline { get; set; } = () => null;

    /// <summary>Runs:AggregateAbove, said in the note.</summary>
    [Parameter]
    public int AggregateAbove { get; set; }

    [Inject]
    private TaskWindowReader Reader { get; set; } = default!;

    private static int BucketMs => (int)Math.Round(TaskTallies.BucketSeconds * 1000);

    protected override void OnParametersSet()
    {
        // The strategies with a finished repetition: the ones a window can be read from.
        _strategies = [.. Model.Run.Plan.StrategyRuns.Where(s => Model.Results.Any(r => r.Strategy == s))];
        if (!_strategies.Contains(_strategy, StringComparer.Ordinal))
        {
            _strategy = _strategies.Count > 0 ? _strategies[0] : "";
        }
    }

    private async Task ShowAsync()
    {
        _error = null;
        var window = _byTime
            ? new TaskWindow(_strategy, null, _from ?? double.NaN, _to ?? double.NaN, null, null)
            : new TaskWindow(_strategy, null, null, null, _first ?? -1, _last ?? -1);
        _reading = true;
        try
        {
            var outcome = await Reader.ReadAsync(Model.Run.Id, window, CancellationToken.None);
            if (outcome is null)
            {
                _error = $"Run {Model.Run.Id} is not known any more.";
            }
            else if (outcome.Window is not { } read)
            {
                _error = string.Join(" ", outcome.Errors!.Values.SelectMany(v => v));
            }
            else if (Timeline() is not { } timeline || !await timeline.ShowWindowAsync(read, Origin(window, read)))
            {
                _error = "The timelines are not ready yet; try again in a moment.";
            }
            else
            {
                _shown = read;
                _shownOrigin = Origin(window, read);
            }
        }
        finally
        {
            _reading = false;
        }
    }

    private async Task ClearAsync()
    {
        if (_shown is { } shown && Timeline() is { } timeline)
        {
            await timeline.ClearWindowAsync(shown.Strategy);
        }

        _shown = null;
    }

    // A time window's axis starts at its from; a task window's at its first task's start.
    private static double Origin(TaskWindow window, TaskWindowResult read) =>
        window.ByTime ? window.From!.Value : read.Spans.Count > 0 ? read.Spans.Min(s => s.Start) : 0;

    private string StatusText(TaskWindowResult shown)
    {
        var what = _byTime
            ? string.Create(CultureInfo.InvariantCulture, $"that started between {Fmt.Seconds(_from ?? 0)} and {Fmt.Seconds(_to ?? 0)}")
            : string.Create(CultureInfo.InvariantCulture, $"{_first:N0} to {_last:N0}");
        var sample = shown.Sampled ? $" (the store kept a sample of {Fmt.Count(shown.StoredSpans)} of {Fmt.Count(shown.TaskCount)} tasks)" : "";
        return $"{StrategyText.Name(shown.Strategy)}: showing {Fmt.Count(shown.Spans.Count)} tasks {what}{sample}; its timeline's axis starts at {Fmt.Seconds(_shownOrigin)}.";
    }
}
