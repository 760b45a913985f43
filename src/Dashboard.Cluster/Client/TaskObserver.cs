using Dashboard.Cluster.Grains;
using Dashboard.Engine.Cluster;
using Dashboard.Engine.Running;

namespace Dashboard.Cluster.Client;

/// <summary>
/// The app's end of one repetition's live events: turns the nodes' notes into the sink's events
/// and remembers which node each task reached (to fail them when that node dies). A task sent
/// again (<see cref="Expect"/>) forgets where its earlier send got to, and notes from an earlier
/// send are dropped.
/// </summary>
internal sealed class TaskObserver(IClusterTaskSink sink, NodeClock clock) : ITaskObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, int> _attempts = [];
    private readonly Dictionary<int, TaskPlace> _places = [];
    private readonly Dictionary<int, long> _liveStarts = [];

    /// <summary>Task <paramref name="task"/> is being sent as attempt <paramref name="attempt"/>: only its notes count from now.</summary>
    public void Expect(int task, int attempt)
    {
        lock (_gate)
        {
            _attempts[task] = attempt;
            _places.Remove(task);
            _liveStarts.Remove(task);
        }
    }

    public Task OnAccepted(TaskNote note)
    {
        lock (_gate)
        {
            if (IsCurrent(note))
            {
                _places.TryAdd(note.Task, Place(note));
            }
        }

        return Task.CompletedTask;
    }

    public Task OnStarted(TaskNote note)
    {
        var place = Place(note);
        var start = clock.Live(note.Node, note.Timestamp);
        lock (_gate)
        {
            if (!IsCurrent(note))
            {
                return Task.CompletedTask;
            }

            _places[note.Task] = place;
            _liveStarts.TryAdd(note.Task, start);
        }

        sink.Started(note.Task, place, start);
        return Task.CompletedTask;
    }

    public Task OnProgress(TaskNote note)
    {
        bool current;
        lock (_gate)
        {
            current = IsCurrent(note);
        }

        if (current)
        {
            sink.Progress(note.Task, Place(note), clock.Live(note.Node, note.Timestamp), note.Detail ?? string.Empty);
        }

        return Task.CompletedTask;
    }

    /// <summary>True once <paramref name="task"/>'s current send has been reported by a node (accepted or started there).</summary>
    public bool Reached(int task)
    {
        lock (_gate)
        {
            return _places.ContainsKey(task);
        }
    }

    /// <summary>Where the live start note put <paramref name="task"/> on the app's clock, if one came.</summary>
    public long? LiveStart(int task)
    {
        lock (_gate)
        {
            return _liveStarts.TryGetValue(task, out var start) ? start : null;
        }
    }

    /// <summary>Tasks that reached <paramref name="node"/> (waiting or running), with where they are.</summary>
    public IReadOnlyList<(int Task, TaskPlace Place)> On(string node)
    {
        lock (_gate)
        {
            return [.. _places.Where(kv => kv.Value.Node == node).Select(kv => (kv.Key, kv.Value))];
        }
    }

    private static TaskPlace Place(TaskNote note) => new(note.Node, note.ProcessId, note.ThreadId);

    // Under _gate. A task never announced (direct use in tests) takes any note.
    private bool IsCurrent(TaskNote note) => !_attempts.TryGetValue(note.Task, out var expected) || expected == note.Attempt;
}
