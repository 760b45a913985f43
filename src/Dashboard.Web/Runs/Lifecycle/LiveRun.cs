using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Host;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// One run's live state: its summary, its numbered events and its watchers. One lock guards all
/// three, so a watcher's snapshot and the appends it races with can never overlap or leave a gap.
/// </summary>
/// <remarks>
/// Watchers see the run as it was at the last publish (the batch tick, a queue move, the end), never
/// half a tick: each publish cuts one <see cref="RunFeedBatch"/> that every watcher still at the
/// previous publish receives as the same object, so the hub serialises it once for all of them
/// (see <see cref="Hubs.WireMessage"/>). A watcher that fell behind gets one coalesced batch,
/// shared in turn with the others that fell behind at the same point.
/// </remarks>
public sealed partial class LiveRun
{
    /// <summary>Watchers one run serves at once (pages, hub connections); more are refused.</summary>
    public const int MaxWatchers = 1_000;

    private readonly Lock _gate = new();
    private readonly List<RunWatcher> _watchers = [];
    private readonly CancellationTokenSource _cancellation = new();
    private readonly int _maxEvents;
    private readonly TaskTallies? _tallies;
    private WireEventConverter? _converter;
    private List<WireEvent>? _events = [];
    private RunSummary _summary;
    private long _version = 1;
    private long _lastSeq;

    // What watchers see: the state at the last publish, and the batch that publish cut.
    private long _publishedSeq;
    private long _publishedVersion = 1;
    private RunSummary _publishedSummary;
    private SharedBatch? _latest;
    private SharedBatch? _coalesced;
    private RunFeedSnapshot? _snapshot;
    private bool _releaseRequested;
    private RunEnvironment? _environment;
    private Task _saving = Task.CompletedTask;

    /// <param name="summary">The run as queued.</param>
    /// <param name="maxEvents">Task events kept at most (a detailed run; past it they are counted as dropped).</param>
    /// <param name="aggregated">
    /// A large run (<see cref="RunServiceOptions.Aggregates"/>): its task events are counted per
    /// time bucket (<see cref="TaskTallies"/>), never kept one by one.
    /// </param>
    public LiveRun(RunSummary summary, int maxEvents, bool aggregated = false)
    {
        _summary = summary;
        _publishedSummary = summary;
        _maxEvents = maxEvents;
        _tallies = aggregated ? new TaskTallies() : null;
    }

    /// <summary>True when the feed carries this run's tasks as tallies per time bucket, not event by event.</summary>
    public bool Aggregated => _tallies is not null;

    public long Id => _summary.Id;

    public RunPlan Plan => _summary.Plan;

    /// <summary>Cancelled when someone asks to cancel this run (queued or running).</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    public bool CancelRequested => _cancellation.IsCancellationRequested;

    public RunSummary Summary
    {
        get
        {
            lock (_gate)
            {
                return _summary;
            }
        }
    }

    /// <summary>Seq of the last event appended (0 before the first).</summary>
    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _lastSeq;
            }
        }
    }

    /// <summary>A copy of every event kept so far; empty once the events were released.</summary>
    public IReadOnlyList<WireEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events is null ? [] : _events.ToArray();
            }
        }
    }

    internal void RequestCancel() => _cancellation.Cancel();

    /// <summary>
    /// Where the run ran (knobs, calibration, nodes), as stored with it; null until a run that ran
    /// has ended. Pages take it from here instead of reading the stored run back.
    /// </summary>
    public RunEnvironment? Environment
    {
        get
        {
            lock (_gate)
            {
                return _environment;
            }
        }
    }

    /// <summary>
    /// Completes once the store has the run as it ended (its end's observers are done, or gave up).
    /// Watchers hear the end before that; readers of the stored run (exports, History, the API) wait for it.
    /// </summary>
    public Task Saving
    {
        get
        {
            lock (_gate)
            {
                return _saving;
            }
        }
    }

    /// <summary>
    /// Changes the summary but not its state (<see cref="Move"/> does that). <paramref name="ringNow"/>: tell watchers at once (queue moves, the end);
    /// otherwise the next <see cref="Publish"/> carries it, so a running run's batches keep their pace.
    /// </summary>
    public RunSummary UpdateSummary(Func<RunSummary, RunSummary> change, bool ringNow)
    {
        lock (_gate)
        {
            var next = change(_summary);
            if (next.State != _summary.State)
            {
                throw new InvalidOperationException($"Run {Id}: a state change goes through Move, which checks it.");
            }

            _summary = next;
            _version++;
            if (ringNow)
            {
                RingAllLocked();
            }

            return _summary;
        }
    }

    /// <summary>Numbers and keeps one engine event; a finished strategy's result joins the summary in the same step.</summary>
    public void Append(LabEvent labEvent, WireEventConverter converter)
    {
        lock (_gate)
        {
            if (_events is null)
            {
                return;
            }

            _converter = converter;
            if (_tallies is not null)
            {
                if (labEvent is TaskEvent task)
                {
                    _tallies.Count(task, converter.SecondsSinceStart(task));
                    return;
                }

                // A repetition's tallies come before its end (and the next one's start).
                FlushTalliesLocked();
            }

            if (labEvent is TaskEvent or CountersSampled && _events.Count >= _maxEvents)
            {
                _summary = _summary with { DroppedEvents = _summary.DroppedEvents + 1 };
                return;
            }

            var wire = converter.Convert(labEvent, _lastSeq + 1);
            _events.Add(wire);
            _lastSeq = wire.Seq;
            if (labEvent is StrategyCompleted completed)
            {
                _summary = _summary with { Results = [.. _summary.Results, completed.Result] };
                _version++;
            }
        }
    }

    /// <summary>Rings every watcher when events or the summary changed since the last call (the batch tick).</summary>
    public void Publish()
    {
        lock (_gate)
        {
            FlushTalliesLocked();
            if (_lastSeq != _publishedSeq || _version != _publishedVersion)
            {
                RingAllLocked();
            }
        }
    }

    /// <summary>
    /// Moves the run to the summary <paramref name="move"/> makes of the current one (a
    /// <see cref="RunLifecycle"/> move: <see cref="RunLifecycle.Start"/> or <see cref="RunLifecycle.End"/>),
    /// checked under this run's lock, so two movers cannot both win. Then hands the transition to
    /// <paramref name="tell"/> (the queue's observers) still under the lock, so no watcher can see
    /// the new state before the observers (storage) have it, and wakes every watcher (for a final
    /// state, for its last batch). Throws <see cref="InvalidRunTransitionException"/> for an illegal move.
    /// </summary>
    internal RunTransition Move(Func<RunSummary, RunSummary> move, Action<RunTransition> tell)
    {
        lock (_gate)
        {
            FlushTalliesLocked();
            var from = _summary.State;
            var next = move(_summary);
            RunLifecycle.EnsureCanMove(_summary.Id, from, next.State);
            _summary = next;
            _version++;
            var transition = new RunTransition(from, _summary);
            tell(transition);
            RingAllLocked();
            return transition;
        }
    }

    /// <summary>
    /// A run that ran ends: <see cref="Move"/> to <paramref name="final"/> (its watchers hear it now),
    /// with its <paramref name="environment"/>, and <see cref="Saving"/> pending until <paramref name="saving"/> completes.
    /// </summary>
    internal RunTransition End(RunSummary final, RunEnvironment environment, Task saving)
    {
        lock (_gate)
        {
            _environment = environment;
            _saving = saving;
            return Move(_ => final, static _ => { });
        }
    }

    /// <summary>
    /// True once <see cref="ReleaseEvents"/> took effect: no events in memory and no spans in the
    /// summary's results (they are in the store).
    /// </summary>
    public bool TimelineReleased
    {
        get
        {
            lock (_gate)
            {
                return _events is null;
            }
        }
    }

    /// <summary>
    /// Forgets the event list and the results' spans (an old finished run: the store has its
    /// timeline), leaving only the summary in memory. Watchers still behind keep what they need:
    /// the release waits until the last of them has caught up or left.
    /// </summary>
    public void ReleaseEvents()
    {
        lock (_gate)
        {
            _releaseRequested = true;
            TryReleaseLocked();
        }
    }

    private void FlushTalliesLocked()
    {
        if (_tallies is null || _tallies.IsEmpty || _events is null)
        {
            return;
        }

        _tallies.Flush(_events, ref _lastSeq, _converter?.WallMsNow() ?? 0);
    }

    private void TryReleaseLocked()
    {
        if (_events is null || !_summary.IsFinished || _publishedSeq != _lastSeq
            || _watchers.Exists(w => w.SentSeq != _publishedSeq || w.SentVersion != _publishedVersion))
        {
            return;
        }

        _events = null;
        _latest = null;
        _coalesced = null;
        _snapshot = null;
        _summary = WithoutSpans(_summary);
        _publishedSummary = _summary;
    }

    private static RunSummary WithoutSpans(RunSummary summary) =>
        summary.Results.Any(r => r.Spans.Count > 0)
            ? summary with { Results = summary.Results.Select(r => r.Spans.Count == 0 ? r : r with { Spans = [] }).ToArray() }
            : summary;
}
