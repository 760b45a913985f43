using Dashboard.Web.Runs.Feed;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// The run's watchers: joining with a snapshot, taking the batches they have not seen (shared
/// between watchers at the same point), and the publish that cuts each batch and rings them.
/// </summary>
public sealed partial class LiveRun
{
    /// <summary>Watchers registered now.</summary>
    public int WatcherCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>
    /// Registers a watcher and takes the run as last published, atomically with respect to appends
    /// (events appended since then arrive with the next batch). Watchers joining between two
    /// publishes share one snapshot.
    /// </summary>
    /// <exception cref="RunFeedFullException">The run already has <see cref="MaxWatchers"/> watchers.</exception>
    public RunWatcher Subscribe(out RunFeedSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_watchers.Count >= MaxWatchers)
            {
                throw new RunFeedFullException(Id);
            }

            var watcher = new RunWatcher { SentSeq = _publishedSeq, SentVersion = _publishedVersion };
            snapshot = _snapshot ??= new RunFeedSnapshot(Id, _publishedSummary, EventsLocked(0, _publishedSeq), _publishedSeq);
            _watchers.Add(watcher);
            return watcher;
        }
    }

    public void Unsubscribe(RunWatcher watcher)
    {
        lock (_gate)
        {
            _watchers.Remove(watcher);
            if (_releaseRequested)
            {
                TryReleaseLocked();
            }
        }
    }

    /// <summary>
    /// What <paramref name="watcher"/> has not seen of the published run: null when nothing.
    /// <paramref name="last"/> is true when the run is finished and this batch (which then always
    /// carries the run) ends the stream. Watchers at the same point get the same batch object.
    /// </summary>
    public RunFeedBatch? TakeBatch(RunWatcher watcher, out bool last)
    {
        lock (_gate)
        {
            last = _publishedSummary.IsFinished;
            RunFeedBatch? batch;
            if (watcher.SentSeq == _publishedSeq && watcher.SentVersion == _publishedVersion)
            {
                // Up to date; a watcher that joined after the end still gets the closing batch.
                batch = last ? new RunFeedBatch(Id, [], _publishedSummary) : null;
            }
            else if (_latest is { } latest && latest.Starts(watcher))
            {
                batch = latest.Batch;
            }
            else if (_coalesced is { } coalesced && coalesced.Starts(watcher))
            {
                batch = coalesced.Batch;
            }
            else
            {
                batch = new RunFeedBatch(Id, EventsLocked(watcher.SentSeq, _publishedSeq),
                    watcher.SentVersion != _publishedVersion || last ? _publishedSummary : null);
                _coalesced = new SharedBatch(watcher.SentSeq, watcher.SentVersion, batch);
            }

            watcher.SentSeq = _publishedSeq;
            watcher.SentVersion = _publishedVersion;
            if (_releaseRequested)
            {
                TryReleaseLocked();
            }

            return batch;
        }
    }

    /// <summary>Publishes: cuts the batch of everything since the last publish and rings every watcher.</summary>
    private void RingAllLocked()
    {
        var finished = _summary.IsFinished;
        var batch = new RunFeedBatch(Id, EventsLocked(_publishedSeq, _lastSeq),
            _version != _publishedVersion || finished ? _summary : null);
        _latest = new SharedBatch(_publishedSeq, _publishedVersion, batch);
        _coalesced = null;
        _snapshot = null;
        _publishedSeq = _lastSeq;
        _publishedVersion = _version;
        _publishedSummary = _summary;
        foreach (var watcher in _watchers)
        {
            watcher.Ring();
        }
    }

    private WireEvent[] EventsLocked(long afterSeq, long toSeq)
    {
        if (_events is null || toSeq <= afterSeq)
        {
            return [];
        }

        var events = new WireEvent[(int)(toSeq - afterSeq)];
        _events.CopyTo((int)afterSeq, events, 0, events.Length);
        return events;
    }

    /// <summary>A published batch and the point (Seq, summary version) a watcher must be at to take it.</summary>
    private sealed record SharedBatch(long FromSeq, long FromVersion, RunFeedBatch Batch)
    {
        public bool Starts(RunWatcher watcher) => watcher.SentSeq == FromSeq && watcher.SentVersion == FromVersion;
    }
}
