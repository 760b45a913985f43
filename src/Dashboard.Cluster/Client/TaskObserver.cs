using Dashboard.Cluster.Grains;
using Dashboard.Engine.Cluster;
using Dashboard.Engine.Running;

namespace Dashboard.Cluster.Client;

/// <summary>
/// The app's end of one repetition's live events: turns the nodes' notes into the sink's events
/// and remembers which node each task reached (to fail them when that node dies).
/// </summary>
internal sealed class TaskObserver(IClusterTaskSink sink, NodeClock clock) : ITaskObserver
{
    private readonly Dictionary<int, TaskPlace> _places = [];

    public Task OnAccepted(TaskNote note)
    {
        lock (_places)
        {
            _places.TryAdd(note.Task, new TaskPlace(note.Node, note.ProcessId, note.ThreadId));
        }

        return Task.CompletedTask;
    }

    public Task OnStarted(TaskNote note)
    {
        var place = new TaskPlace(note.Node, note.ProcessId, note.ThreadId);
        lock (_places)
        {
            _places[note.Task] = place;
        }

        sink.Started(note.Task, place, clock.Live(note.Node, note.Timestamp));
        return Task.CompletedTask;
    }

    public Task OnProgress(TaskNote note)
    {
        sink.Progress(note.Task, new TaskPlace(note.Node, note.ProcessId, note.ThreadId), clock.Live(note.Node, note.Timestamp), note.Detail ?? string.Empty);
        return Task.CompletedTask;
    }

    /// <summary>True once <paramref name="task"/> has been reported by a node (accepted or started there).</summary>
    public bool Reached(int task)
    {
        lock (_places)
        {
            return _places.ContainsKey(task);
        }
    }

    /// <summary>Tasks that reached <paramref name="node"/> (waiting or running), with where they are.</summary>
    public IReadOnlyList<(int Task, TaskPlace Place)> On(string node)
    {
        lock (_places)
        {
            return [.. _places.Where(kv => kv.Value.Node == node).Select(kv => (kv.Key, kv.Value))];
        }
    }
}
