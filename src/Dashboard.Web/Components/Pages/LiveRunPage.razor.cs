using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Explain;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages;

/// <summary>
/// One run, live: its state and plan, the race of its strategies (progress folded in), the detailed
/// timelines, then charts, the summary and the explanation on the same page. The page watches the run's feed once: each message goes to the
/// timelines (through <see cref="TimelineFeed"/>) and is folded into <see cref="LiveRunModel"/> on
/// the renderer's dispatcher (progress, counter strips, results); rendering is throttled to a
/// steady tick, never one render per event.
/// </summary>
public sealed partial class LiveRunPage : IAsyncDisposable
{
    /// <summary>How often the page re-renders while events arrive or a clock runs.</summary>
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _disposed = new();
    private LiveRunModel? _model;
    private TimelineFeed? _timelineFeed;
    private RunView? _stored;
    private IReadOnlyList<StrategyFigures> _figures = [];
    // The race's figures while the run runs: its ended repetitions' (the shared analysis without the environment).
    private IReadOnlyList<StrategyFigures> _raceFigures = [];
    private int _raceFiguresOf;
    private IReadOnlyList<Engine.Findings.Finding> _findings = [];
    private IReadOnlyList<ExplainItem> _explanation = [];
    private IReadOnlyList<Engine.Statistics.StrategyLimit> _limits = [];
    private IReadOnlyList<Engine.Statistics.ScalingCurve> _scaling = [];
    private IReadOnlyList<Engine.Statistics.StrategyStatistics>? _statistics;
    // The analysis' statistics and limits as the finders take them: the prediction table checks against them.
    private Engine.Findings.FindingInput? _findingInput;
    private RunEnvironment? _environment;
    private bool _environmentAsked;
    private bool _explained;
    private bool _dirty;
    // On by default: the timelines read like the race above them, one second as wide everywhere.
    private bool _sameScale = true;
    private bool _cancelRequested;
    private string? _feedError;
    private DateTimeOffset _now;
    private ElementReference _title;
    private bool _titleFocused;
    private string _announcement = string.Empty;
    private DateTimeOffset _announcedAt = DateTimeOffset.MinValue;
    private RunState? _announcedState;
    private CancellationTokenSource? _watchCts;
    private long? _watchedId;
    private Task _watch = Task.CompletedTask;
    private Task _ticker = Task.CompletedTask;
    // From hearing the end to the render with the results: a span only while someone listens (RunEndSteps).
    private System.Diagnostics.Activity? _finishing;

    [Parameter]
    public long Id { get; set; }

    [Inject]
    private Security.DashboardAccess Access { get; set; } = default!;

    [Inject]
    private IRunQueue Queue { get; set; } = default!;

    [Inject]
    private IRunFeed Feed { get; set; } = default!;

    [Inject]
    private RunHistory History { get; set; } = default!;

    [Inject]
    private RunAnalysisCache Analyses { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptions<RunServiceOptions> RunOptions { get; set; } = default!;

    private RunTimeline? _timeline;

    private int AggregateAbove => RunOptions.Value.AggregateAbove;

    /// <summary>A large run: its feed and timelines carry counts per time bucket; a window shows tasks (<see cref="TaskWindowPicker"/>).</summary>
    private bool Aggregated => _model is { } model && RunOptions.Value.Aggregates(model.Run.Plan);

    [Inject]
    private ILogger<LiveRunPage> Logger { get; set; } = default!;

    /// <summary>The folded state; internal for component tests.</summary>
    internal LiveRunModel? Model => _model;

    private TimeSpan RunElapsed
    {
        get
        {
            var run = _model!.Run;
            if (run.StartedAt is not { } started)
            {
                return TimeSpan.Zero;
            }

            var end = run.EndedAt ?? _now;
            return end > started ? end - started : TimeSpan.Zero;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _now = Time.GetUtcNow();
        if (_model?.Run.Id != Id)
        {
            // A queued or running run is watched live. A finished run renders from the store, which
            // holds every span: the queue remembers finished runs far longer than it keeps their
            // events, so its feed would replay an empty timeline. Only a run that has just finished
            // and is not stored yet is replayed from memory (its events are still kept then).
            _stored = null;
            _environment = null;
            _environmentAsked = false;
            _raceFigures = [];
            _raceFiguresOf = 0;
            _findings = [];
            _timelineFeed = null;
            var queued = Queue.Find(Id);
            if (queued is { IsFinished: false })
            {
                _model = new LiveRunModel(queued);
                _timelineFeed = new TimelineFeed(Id, Time);
            }
            else if (await FindStoredAsync() is { Live: false } view)
            {
                _stored = view;
                _model = LiveRunModel.FromStored(view.Run);
            }
            else if (queued is not null)
            {
                _model = new LiveRunModel(queued);
                _timelineFeed = new TimelineFeed(Id, Time);
            }
            else
            {
                _model = null;

                // The Router shows its not-found page (which names the run) with the status 404.
                Navigation.NotFound();
            }

            _explained = false;
            Refresh();
        }
    }

    /// <summary>A stored run: a large run's spans stay in the store's blobs (its timelines replay counts
    /// computed once per run, a window reads only its tasks); a detailed run's are decoded, to draw each.</summary>
    private async Task<RunView?> FindStoredAsync()
    {
        var view = await History.FindForExportAsync(Id, _disposed.Token);
        return view is null || view.Live || RunOptions.Value.Aggregates(view.Run.Plan)
            ? view
            : await History.FindAsync(Id, _disposed.Token);
    }

    /// <summary>The polite status region is rewritten at most this often while a run goes on (state changes are said at once).</summary>
    public static readonly TimeSpan AnnounceInterval = TimeSpan.FromSeconds(10);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_explained)
        {
            // This render's batch reached the browser (Blazor Server calls this after its
            // acknowledgement): the timelines' held end goes on (TimelineFeed.HoldUntilResults).
            _timelineFeed?.ResultsShown();
        }

        if (_finishing is not null && _explained)
        {
            // The results are on screen (this circuit's render batch is on its way to the browser).
            Telemetry.RunEndSteps.Stop(_finishing);
            _finishing = null;
        }

        if (!_titleFocused && RendererInfo.IsInteractive)
        {
            // After Run the browser's focus is on <body>: move it to the page's title.
            _titleFocused = true;
            try
            {
                await _title.FocusAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or Microsoft.JSInterop.JSException or Microsoft.JSInterop.JSDisconnectedException)
            {
                // No title rendered (yet) or the browser went away: focus stays where it was.
            }
        }

        // Subscribe only once the circuit is live (a prerender has no one to stream to), and again
        // when the same page instance is pointed at another run.
        if (_model is null || _stored is not null || !RendererInfo.IsInteractive || _watchedId == Id)
        {
            return;
        }

        await StopWatchingAsync();
        _watchedId = Id;
        _watchCts = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        // Off the renderer's dispatcher: the timelines' batches never wait behind the page's renders;
        // only folding into the model goes through InvokeAsync.
        var (id, timelineFeed, token) = (Id, _timelineFeed!, _watchCts.Token);
        _watch = Task.Run(() => WatchAsync(id, timelineFeed, token), CancellationToken.None);
        _ticker = TickAsync(_watchCts.Token);
    }

    private async Task StopWatchingAsync()
    {
        if (_watchCts is null)
        {
            return;
        }

        await _watchCts.CancelAsync();
        await Task.WhenAll(_watch, _ticker);
        _watchCts.Dispose();
        _watchCts = null;
    }

    private async Task WatchAsync(long runId, TimelineFeed timelineFeed, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await foreach (var message in Feed.WatchAsync(runId, cancellationToken))
            {
                // The model first (state, progress, counters, results), then the timelines: the same
                // message objects, one subscription for the whole page. The hand-over never waits (a
                // timeline behind a busy browser sends what piled up in one go), so this
                // loop hears the end when it is published, and the finished state and the results go
                // out first, never behind a backlog of spans to draw.
                await InvokeAsync(() =>
                {
                    if (_model?.Run.Id != runId)
                    {
                        return;
                    }

                    var wasFinished = _model.Run.IsFinished;
                    _model.Apply(message);
                    _dirty = true;
                    if (_model.Run.IsFinished)
                    {
                        if (!wasFinished)
                        {
                            // The results (and Explain) go to the browser before the end's timeline
                            // messages and their draws; released once they are on screen.
                            timelineFeed.HoldUntilResults();
                        }

                        _finishing ??= wasFinished ? null : Telemetry.RunEndSteps.Start(Telemetry.RunEndSteps.PageShown, runId);
                        // The end is shown at once, not at the next tick.
                        _dirty = false;
                        Refresh();
                        StateHasChanged();
                    }
                });
                await timelineFeed.WriteAsync(message, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
        catch (KeyNotFoundException e)
        {
            failure = e;
            await InvokeAsync(() =>
            {
                _feedError = $"The live feed does not know run {runId} any more.";
                _dirty = true;
            });
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            failure = ex;
            Logger.LogWarning(ex, "Live page of run {RunId} stopped receiving events", runId);
            await InvokeAsync(() =>
            {
                _feedError = "The live feed stopped; reload the page to resume.";
                _dirty = true;
            });
        }
        finally
        {
            // The timelines end with the feed, and say why when it failed.
            timelineFeed.Complete(failure);
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenderInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    var running = _model is { Run.IsFinished: false };
                    if (!_dirty && !running)
                    {
                        return;
                    }

                    _dirty = false;
                    Refresh();
                    StateHasChanged();
                });

                if (_watch.IsCompleted && _model is { Run.IsFinished: true } && !_dirty)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    /// <summary>
    /// What the polite status region says: the run's state, and while running, each running strategy's
    /// done count. Rewritten on a state change, otherwise at most every <see cref="AnnounceInterval"/>,
    /// so a screen reader is told how the run goes without being flooded.
    /// </summary>
    private void Announce()
    {
        if (_model is not { } model)
        {
            return;
        }

        var run = model.Run;
        var stateChanged = _announcedState != run.State;
        if (!stateChanged && _now - _announcedAt < AnnounceInterval)
        {
            return;
        }

        var text = $"Run {run.Id} {RunLifecycle.ToLabel(run.State).ToLowerInvariant()}.";
        if (!run.IsFinished)
        {
            var running = model.Strategies.Where(s => s.Phase == StrategyPhase.Running)
                .Select(s => $"{StrategyText.Name(s.Strategy)}: {s.Done:N0} of {s.Total:N0} tasks done.");
            text = string.Join(" ", new[] { text, RunActivity.Line(model) ?? "" }.Concat(running).Where(t => t.Length > 0));
        }

        _announcedState = run.State;
        _announcedAt = _now;
        _announcement = text;
    }

    private async Task Cancel()
    {
        if (!await Access.IsOwnerAsync())
        {
            _feedError = Security.DashboardAuth.ViewerRefusal;
            return;
        }

        _cancelRequested = true;
        if (!Queue.Cancel(Id))
        {
            _feedError = "The run had already finished.";
        }

        Logger.LogInformation("Run {RunId} cancel requested from its live page", Id);
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        await StopWatchingAsync();
        _disposed.Dispose();
    }
}
