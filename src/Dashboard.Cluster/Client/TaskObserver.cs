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
    private readonly Dictionary<int, Seen> _tasks = [];

    /// <summary>Task <paramref name="task"/> is being sent as attempt <paramref name="attempt"/>: only its notes count from now.</summary>
    public void Expect(int task, int attempt)
    {
        lock (_gate)
        {
            _tasks[task] = new Seen(attempt);
        }
    }

    public Task OnAccepted(TaskNote note)
    {
        lock (_gate)
        {
            if (Current(note) is { } seen)
            {
                seen.Place ??= Place(note);
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
            if (Current(note) is not { } seen)
            {
                return Task.CompletedTask;
            }

            seen.Place = place;
            seen.LiveStart ??= start;
        }

        sink.Started(note.Task, place, start);
        return Task.CompletedTask;
    }

    public Task OnProgress(TaskNote note)
    {
        bool current;
        lock (_gate)
        {
            current = Current(note) is not null;
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
            return _tasks.TryGetValue(task, out var seen) && seen.Place is not null;
        }
    }

    /// <summary>Where the live start note put <paramref name="task"/> on the app's clock, if one came.</summary>
    public long? LiveStart(int task)
    {
        lock (_gate)
        {
            return _tasks.TryGetValue(task, out var seen) ? seen.LiveStart : null;
        }
    }

    /// <summary>Tasks that reached <paramref name="node"/> (waiting or running), with where they are.</summary>
    public IReadOnlyList<(int Task, TaskPlace Place)> On(string node)
    {
        lock (_gate)
        {
            return [.. _tasks.Where(kv => kv.Value.Place?.Node == node).Select(kv => (kv.Key, kv.Value.Place!.Value))];
        }
    }

    private static TaskPlace Place(TaskNote note) => new(note.Node, note.ProcessId, note.ThreadId);

    // Under _gate: the task's record when the note is from its current send, else null. A task
    // never announced (direct use in tests) takes the first send it hears from.
    private Seen? Current(TaskNote note)
    {
        if (!_tasks.TryGetValue(note.Task, out var seen))
        {
            seen = _tasks[note.Task] = new Seen(note.Attempt);
        }

        return seen.Attempt == note.Attempt ? seen : null;
    }

    /// <summary>What the current send of one task has shown: where it reached, and its start as shown live.</summary>
    private sealed class Seen(int attempt)
    {
        public int Attempt { get; } = attempt;

        public TaskPlace? Place { get; set; }

        public long? LiveStart { get; set; }
    }
}
