using Dashboard.Engine.Running;

namespace Dashboard.Web.Runs;

/// <summary>
/// One run's live state: its summary, its numbered events and its watchers. One lock guards all
/// three, so a watcher's snapshot and the appends it races with can never overlap or leave a gap.
/// </summary>
public sealed class LiveRun
{
    private readonly Lock _gate = new();
    private readonly List<RunWatcher> _watchers = [];
    private readonly CancellationTokenSource _cancellation = new();
    private readonly int _maxEvents;
    private List<WireEvent>? _events = [];
    private RunSummary _summary;
    private long _version = 1;
    private long _lastSeq;
    private long _publishedSeq;
    private long _publishedVersion = 1;

    public LiveRun(RunSummary summary, int maxEvents)
    {
        _summary = summary;
        _maxEvents = maxEvents;
    }

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

            if (labEvent is TaskEvent && _events.Count >= _maxEvents)
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
            if (_lastSeq != _publishedSeq || _version != _publishedVersion)
            {
                RingAllLocked();
            }
        }
    }

    /// <summary>
    /// Moves the run to <paramref name="to"/> (checked by <see cref="RunLifecycle"/> under this
    /// run's lock, so two movers cannot both win), applies <paramref name="change"/> to the rest of
    /// the summary, then hands the transition to <paramref name="tell"/> (the queue's observers) still
    /// under the lock, so no watcher can see the new state before the observers (storage) have it,
    /// and wakes every watcher (for a final state, for its last batch).
    /// Throws <see cref="InvalidRunTransitionException"/> for an illegal move.
    /// </summary>
    internal RunTransition Move(RunState to, Func<RunSummary, RunSummary> change, Action<RunTransition> tell)
    {
        lock (_gate)
        {
            var from = _summary.State;
            RunLifecycle.EnsureCanMove(_summary.Id, from, to);
            _summary = change(_summary) with { State = to };
            _version++;
            var transition = new RunTransition(from, _summary);
            tell(transition);
            RingAllLocked();
            return transition;
        }
    }

    /// <summary>Forgets the event list (an old finished run); the summary's results keep the spans.</summary>
    public void ReleaseEvents()
    {
        lock (_gate)
        {
            _events = null;
        }
    }

    /// <summary>Registers a watcher and takes everything so far, atomically with respect to appends.</summary>
    public RunWatcher Subscribe(out RunFeedSnapshot snapshot)
    {
        lock (_gate)
        {
            var watcher = new RunWatcher { SentSeq = _lastSeq, SentVersion = _version };
            snapshot = new RunFeedSnapshot(Id, _summary, _events is null ? [] : _events.ToArray(), _lastSeq);
            _watchers.Add(watcher);
            return watcher;
        }
    }

    public void Unsubscribe(RunWatcher watcher)
    {
        lock (_gate)
        {
            _watchers.Remove(watcher);
        }
    }

    /// <summary>
    /// What <paramref name="watcher"/> has not seen: null when nothing. <paramref name="last"/> is
    /// true when the run is finished and this batch (which then always carries the run) ends the stream.
    /// </summary>
    public RunFeedBatch? TakeBatch(RunWatcher watcher, out bool last)
    {
        lock (_gate)
        {
            last = _summary.IsFinished;
            var newEvents = Array.Empty<WireEvent>();
            if (watcher.SentSeq < _lastSeq && _events is not null)
            {
                newEvents = new WireEvent[(int)(_lastSeq - watcher.SentSeq)];
                _events.CopyTo(EventIndex(watcher.SentSeq + 1), newEvents, 0, newEvents.Length);
            }

            var summaryChanged = watcher.SentVersion != _version;
            if (newEvents.Length == 0 && !summaryChanged && !last)
            {
                return null;
            }

            watcher.SentSeq = _lastSeq;
            watcher.SentVersion = _version;
            return new RunFeedBatch(Id, newEvents, summaryChanged || last ? _summary : null);
        }
    }

    private int EventIndex(long seq) => (int)(seq - 1);

    private void RingAllLocked()
    {
        _publishedSeq = _lastSeq;
        _publishedVersion = _version;
        foreach (var watcher in _watchers)
        {
            watcher.Ring();
        }
    }
}
