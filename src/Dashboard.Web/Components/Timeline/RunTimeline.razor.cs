using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// The live timelines of one run: a canvas per strategy, drawn by wwwroot-assets/js/timeline.js.
/// The page's one feed subscription hands its messages over through <see cref="Feed"/>; each batch
/// goes to the module as one packed string per interop call (see <see cref="TimelinePayload"/>);
/// Blazor never re-renders markup per task. Under each canvas the page may put a footer (the
/// counter strip, whose plot the module draws on the canvas' time axis), and the page's race
/// overview (<see cref="RaceId"/>) is drawn by the same view.
/// </summary>
public sealed partial class RunTimeline : ComponentBase, IAsyncDisposable
{
    /// <summary>Where the module is served (see DashboardWebApplication: /assets = wwwroot-assets).</summary>
    public const string ModulePath = "/assets/js/timeline.js";

    private readonly CancellationTokenSource _disposed = new();
    private ElementReference _root;
    private IJSObjectReference? _module;
    private IJSObjectReference? _view;
    private CancellationTokenSource? _watch;
    private Task _pump = Task.CompletedTask;
    private long _watchedRunId;
    private TimelineFeed? _watchedFeed;
    private bool _appliedSameScale;
    private bool _refreshAfterRender;
    private IReadOnlyList<string> _strategies = [];
    private string? _error;
    private bool _tables;
    private bool _appliedTables;
    private readonly HashSet<string> _byTask = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _appliedByTask = new(StringComparer.Ordinal);

    private string HintId => $"tl-hint-{RunId}";

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<RunTimeline> Logger { get; set; } = default!;

    [Inject]
    private Storage.RunTallyCache Tallies { get; set; } = default!;

    /// <summary>
    /// A large run (past Runs:AggregateAbove): the live feed carries its tasks as tallies, and a
    /// finished one is replayed from its counts per bucket (computed once per run), not span by span.
    /// </summary>
    [Parameter]
    public bool Aggregated { get; set; }

    /// <summary>Told this component once it renders: the page's drill-down asks it to draw windows (no @ref, so tests may stub it).</summary>
    [Parameter]
    public Action<RunTimeline>? Attached { get; set; }

    /// <summary>The run to watch.</summary>
    [Parameter, EditorRequired]
    public long RunId { get; set; }

    /// <summary>
    /// A finished run read from the store: its stored spans are drawn instead of watching the live
    /// feed (which forgets runs on restart).
    /// </summary>
    [Parameter]
    public RunSummary? Replay { get; set; }

    /// <summary>
    /// The live messages of <see cref="RunId"/>, from the page's own subscription (the page watches
    /// the run once for all its parts). Ignored when <see cref="Replay"/> is the run.
    /// </summary>
    [Parameter]
    public TimelineFeed? Feed { get; set; }

    /// <summary>Drawn under each strategy's canvas (the page's counter strip), given the strategy id.</summary>
    [Parameter]
    public RenderFragment<string>? StrategyFooter { get; set; }

    /// <summary>All strategies share one x scale, so sequential's staircase shows next to async's wall.</summary>
    [Parameter]
    public bool SameScale { get; set; }

    /// <summary>
    /// The element id of the page's <see cref="RaceOverview"/> (its tracks are drawn by the same
    /// module view, from the same events); null without one.
    /// </summary>
    [Parameter]
    public string? RaceId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_view is null)
        {
            return;
        }

        if (_appliedSameScale != SameScale)
        {
            _appliedSameScale = SameScale;
            await _view.InvokeVoidAsync("setSameScale", _disposed.Token, SameScale);
        }

        if (_watchedRunId != RunId || !ReferenceEquals(_watchedFeed, Feed))
        {
            await StartWatchingAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            Attached?.Invoke(this);
            try
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", _disposed.Token, ModulePath);
                await StartWatchingAsync();
            }
            catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException or TaskCanceledException)
            {
                // The circuit went away while the page was opening: nothing to draw on.
            }

            return;
        }

        if (_appliedTables != _tables && _view is not null)
        {
            _appliedTables = _tables;
            await _view.InvokeVoidAsync("setTables", _disposed.Token, _tables);
        }

        if (_view is not null)
        {
            foreach (var strategy in _strategies)
            {
                var byTask = _byTask.Contains(strategy);
                if (_appliedByTask.GetValueOrDefault(strategy) != byTask)
                {
                    _appliedByTask[strategy] = byTask;
                    await _view.InvokeVoidAsync("setLaneMode", _disposed.Token, strategy, byTask ? "task" : "thread");
                }
            }
        }

        if (_refreshAfterRender && _view is not null)
        {
            // New canvases are in the DOM now: let the module bind and draw them.
            _refreshAfterRender = false;
            await _view.InvokeVoidAsync("refresh", _disposed.Token);
        }
    }

    private async Task StartWatchingAsync()
    {
        await StopWatchingAsync();
        _watchedRunId = RunId;
        _watchedFeed = Feed;
        _appliedSameScale = SameScale;
        _appliedByTask.Clear();
        _strategies = [];
        _error = null;
        var replay = Replay is { } stored && stored.Id == RunId ? stored : null;
        var mainPid = replay is null ? Environment.ProcessId : StoredTimeline.MainProcessId(replay);
        _view = await _module!.InvokeAsync<IJSObjectReference>(
            "createRunView", _disposed.Token, _root, new { mainPid, sameScale = SameScale, raceId = RaceId });
        _appliedTables = _tables;
        if (_tables)
        {
            await _view.InvokeVoidAsync("setTables", _disposed.Token, true);
        }

        _watch = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        // The feed loop runs off the circuit's dispatcher: batches then never wait behind the page's
        // own renders, and only the snapshot's one re-render goes through InvokeAsync.
        var (runId, feed, view, token) = (RunId, Feed, _view, _watch.Token);
        _pump = replay is not null
            ? Task.Run(() => ReplayAsync(replay, view, token), CancellationToken.None)
            : feed is not null && feed.RunId == runId
                ? Task.Run(() => PumpAsync(runId, feed, view, token), CancellationToken.None)
                : Task.CompletedTask; // the page has not handed a feed over (yet)
    }

    private async Task StopWatchingAsync()
    {
        if (_watch is not null)
        {
            await _watch.CancelAsync();
            await _pump;
            _watch.Dispose();
            _watch = null;
        }

        if (_view is not null)
        {
            var view = _view;
            _view = null;
            await DisposeViewAsync(view);
        }
    }

    private async Task PumpAsync(long runId, TimelineFeed feed, IJSObjectReference view, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var first in feed.ReadAllAsync(cancellationToken))
            {
                // At the end the page's results go first (TimelineFeed.HoldUntilResults), the browser told to hold its redraws.
                await feed.WhileHeldAsync(token => view.InvokeVoidAsync("hold", token).AsTask(), cancellationToken);
                // What piled up while the browser was busy goes over in one go: every message's calls
                // issued in feed order (the circuit keeps them in order), awaited together.
                var calls = new List<Task>();
                var message = first;
                do
                {
                    switch (message)
                    {
                        case RunFeedSnapshot snapshot:
                            await Task.WhenAll(calls);
                            calls.Clear();
                            await InvokeAsync(() =>
                            {
                                _strategies = snapshot.Run.Plan.StrategyRuns;
                                _refreshAfterRender = true;
                                StateHasChanged();
                            });
                            await QueueAsync(view, snapshot.Events, snapshot.Run, calls, cancellationToken);
                            break;

                        case RunFeedBatch batch:
                            await QueueAsync(view, batch.Events, batch.Run, calls, cancellationToken);
                            break;
                    }
                }
                while (feed.TryRead(out message));

                await Task.WhenAll(calls);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed or switched to another run.
        }
        catch (JSDisconnectedException)
        {
            // The browser left; the circuit is going away.
        }
        catch (KeyNotFoundException)
        {
            await InvokeAsync(() =>
            {
                _error = $"Run {runId} is not known.";
                StateHasChanged();
            });
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Live timeline of run {RunId} stopped", runId);
            await InvokeAsync(() =>
            {
                _error = "The live timeline stopped receiving events; reload the page to resume.";
                StateHasChanged();
            });
        }
        finally
        {
            // Whatever stopped this loop, the page's writes must not wait for it any more.
            feed.Detach();
        }
    }

    private async Task ReplayAsync(RunSummary run, IJSObjectReference view, CancellationToken cancellationToken)
    {
        try
        {
            await InvokeAsync(() =>
            {
                _strategies = run.Plan.StrategyRuns;
                _refreshAfterRender = true;
                StateHasChanged();
            });
            await SendAsync(view, Aggregated ? Tallies.Get(run) : StoredTimeline.Events(run), cancellationToken);
            await view.InvokeVoidAsync("finish", cancellationToken, StateName(run.State));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed or switched to another run.
        }
        catch (JSDisconnectedException)
        {
            // The browser left; the circuit is going away.
        }
    }

    private static async Task SendAsync(IJSObjectReference view, IReadOnlyList<WireEvent> events, CancellationToken cancellationToken)
    {
        var calls = new List<Task>();
        await QueueAsync(view, events, null, calls, cancellationToken);
        await Task.WhenAll(calls);
    }

    /// <summary>
    /// Issues one message's calls, in order, without awaiting them: its events as slices the browser
    /// digests between frames (written once per batch for every page watching, <see cref="TimelineSlices"/>),
    /// then "finish" when the run it carries is over. The caller awaits them together, so a slow browser
    /// still pushes back on the feed without a round trip per slice.
    /// </summary>
    private static async Task QueueAsync(IJSObjectReference view, IReadOnlyList<WireEvent> events, RunSummary? run, List<Task> calls, CancellationToken cancellationToken)
    {
        foreach (var slice in await TimelineSlices.OfAsync(events))
        {
            calls.Add(view.InvokeVoidAsync("addRows", cancellationToken, slice).AsTask());
        }

        if (run is { IsFinished: true })
        {
            calls.Add(view.InvokeVoidAsync("finish", cancellationToken, StateName(run.State)).AsTask());
        }
    }

    /// <summary>
    /// Draws a drill-down window's tasks on its strategy's canvas with the detailed timeline, times
    /// from <paramref name="origin"/> (the window's start); false when the timelines are not ready.
    /// </summary>
    public async Task<bool> ShowWindowAsync(Storage.TaskWindowResult window, double origin)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (_view is null)
        {
            return false;
        }

        var events = StoredTimeline.Window(window, origin);
        await _view.InvokeVoidAsync("showWindow", _disposed.Token, window.Strategy, TimelinePayload.Write(events, 0, events.Count));
        return true;
    }

    /// <summary>Back to the strategy's counts.</summary>
    public async Task ClearWindowAsync(string strategy)
    {
        if (_view is not null)
        {
            await _view.InvokeVoidAsync("clearWindow", _disposed.Token, strategy);
        }
    }

    /// <summary>The "Table" button: the same spans as virtualised tables under the canvases.</summary>
    private void ToggleTables() => _tables = !_tables;

    /// <summary>A strategy's "Lanes by task" switch: one row per task, its thread changes marked.</summary>
    private void ToggleLanes(string strategy)
    {
        if (!_byTask.Remove(strategy))
        {
            _byTask.Add(strategy);
        }
    }

    private bool ByTask(string strategy) => _byTask.Contains(strategy);

    private static string StateName(RunState state) => RunLifecycle.ToText(state);

    public async ValueTask DisposeAsync()
    {
        // Nobody reads the page's hand-over any more (even if the pump never started): let its writes go.
        Feed?.Detach();
        await _disposed.CancelAsync();
        try
        {
            await StopWatchingAsync();
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone, and with it the objects to dispose.
        }

        _disposed.Dispose();
    }

    private static async Task DisposeViewAsync(IJSObjectReference view)
    {
        try
        {
            await view.InvokeVoidAsync("dispose");
            await view.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // Nothing left to clean up in the browser.
        }
    }
}
