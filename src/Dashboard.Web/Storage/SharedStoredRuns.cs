namespace Dashboard.Web.Storage;

/// <summary>
/// One read of a large finished stored run shared by every page and request that holds it: ten
/// pages on a reopened million-task run hold one copy of its span blobs (about 23 MiB per million
/// tasks) and one set of figures read off them (<see cref="Engine.Statistics.SpanFacts"/>), not ten.
/// Held weakly: a run stays shared while someone holds it and goes with the last holder (the
/// garbage collector is the cleanup; dead entries are swept as new ones come). A write to the run
/// (saved again, relabelled, deleted, pruned) drops it, and a read that raced with the write is
/// not kept. Runs under <see cref="SharedFrom"/> stored spans are read afresh each time (cheap).
/// </summary>
public sealed class SharedStoredRuns : IRunStoreListener
{
    /// <summary>Stored spans from which a run's read is shared (a detailed run's spans are decoded whole and cheap to read again).</summary>
    public const int SharedFrom = Columns.StoredSpanList.KeptWholeUpTo;

    private readonly Lock _gate = new();
    private readonly Dictionary<(long Id, bool Streamed), WeakReference<RunView>> _runs = [];

    // Bumped by every write: a read begun before it is not kept.
    private long _generation;
    private volatile bool _attached;

    /// <summary>Runs held by someone now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                Sweep();
                return _runs.Count;
            }
        }
    }

    /// <summary>The run as another reader holds it, or what <paramref name="read"/> reads (kept for the next reader when stored, large and finished).</summary>
    public async Task<RunView?> GetAsync(long id, bool streamed, Func<CancellationToken, Task<RunView?>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        long generation;
        lock (_gate)
        {
            if (_runs.TryGetValue((id, streamed), out var held) && held.TryGetTarget(out var run))
            {
                return run;
            }

            generation = _generation;
        }

        var stored = await read(cancellationToken);
        if (stored is null || stored.Live || !_attached || !stored.Run.IsFinished || stored.StoredEventCount < SharedFrom)
        {
            return stored;
        }

        lock (_gate)
        {
            if (generation != _generation)
            {
                return stored;
            }

            // Two first readers at once: the one kept first wins, so later readers share it.
            if (_runs.TryGetValue((id, streamed), out var held) && held.TryGetTarget(out var first))
            {
                return first;
            }

            Sweep();
            _runs[(id, streamed)] = new WeakReference<RunView>(stored);
            return stored;
        }
    }

    public void Attached() => _attached = true;

    public void RunChanged(long runId)
    {
        lock (_gate)
        {
            _generation++;
            _runs.Remove((runId, true));
            _runs.Remove((runId, false));
        }
    }

    private void Sweep()
    {
        foreach (var key in _runs.Where(e => !e.Value.TryGetTarget(out _)).Select(e => e.Key).ToList())
        {
            _runs.Remove(key);
        }
    }
}
