using Dashboard.Web.Explain;
using Dashboard.Web.Storage;

namespace Dashboard.Web.Api;

/// <summary>
/// GET /api/runs/{id} of a finished, stored run, computed once: reading a 10,000-task run back from
/// the store costs milliseconds, and a finished run does not change until it is relabelled or
/// deleted. Holds the response only (no spans), for at most <see cref="Capacity"/> runs, least
/// recently used out first. A write to the store (it is an <see cref="IRunStoreListener"/>)
/// invalidates the run it names: a save, a label change, a delete, or retention pruning it.
/// Queued and running runs are never cached (they change by the millisecond).
/// </summary>
public sealed class RunDetailsCache(RunAnalysisCache analyses) : IRunStoreListener
{
    public const int Capacity = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, LinkedListNode<(long Id, RunDetailsResponse Response)>> _entries = [];
    private readonly LinkedList<(long Id, RunDetailsResponse Response)> _recent = new();

    // Bumped by every invalidation: a response computed from what the store said before it is not kept.
    private long _generation;

    // True once the store reports its writes here; until then nothing is cached, since nothing
    // would tell the cache that a run changed.
    private volatile bool _attached;

    /// <summary>Runs cached now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The runs cached now, most recently read first (for tests and diagnostics).</summary>
    public IReadOnlyList<long> RunIds()
    {
        lock (_gate)
        {
            return [.. _recent.Select(e => e.Id)];
        }
    }

    /// <summary>The run's details, from the cache when it has them; null when the run is unknown.</summary>
    public async Task<RunDetailsResponse?> FindAsync(long id, RunHistory history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        long generation;
        lock (_gate)
        {
            if (_entries.TryGetValue(id, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value.Response;
            }

            generation = _generation;
        }

        var view = await history.FindAsync(id, cancellationToken);
        if (view is null)
        {
            return null;
        }

        var details = RunResponses.Details(view, analyses);
        if (view is { Live: false, Run.IsFinished: true } && _attached)
        {
            Keep(id, details, generation);
        }

        return details;
    }

    public void Attached() => _attached = true;

    /// <summary>Forgets one run (saved again, relabelled, deleted or pruned).</summary>
    public void RunChanged(long runId)
    {
        lock (_gate)
        {
            _generation++;
            if (_entries.Remove(runId, out var node))
            {
                _recent.Remove(node);
            }
        }
    }

    private void Keep(long id, RunDetailsResponse details, long generation)
    {
        lock (_gate)
        {
            if (generation != _generation || _entries.ContainsKey(id))
            {
                return;
            }

            _entries[id] = _recent.AddFirst((id, details));
            while (_entries.Count > Capacity && _recent.Last is { } oldest)
            {
                _recent.RemoveLast();
                _entries.Remove(oldest.Value.Id);
            }
        }
    }
}
