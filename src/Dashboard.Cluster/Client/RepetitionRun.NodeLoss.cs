using Dashboard.Engine.Cluster;
using Dashboard.Engine.Running;
using Microsoft.Extensions.Logging;

namespace Dashboard.Cluster.Client;

/// <summary>A cluster repetition's lost nodes: their tasks fail with the reason, calls that never reached a live node are sent again.</summary>
internal sealed partial class RepetitionRun
{
    /// <summary>
    /// Fails every unfinished task sent to <paramref name="node"/> with <paramref name="reason"/>;
    /// the node gets no more tasks in this repetition.
    /// </summary>
    public void NodeLost(string node, string reason)
    {
        List<TaskAttempt> held, elsewhere;
        var lostAt = MonotonicClock.Now;
        lock (_gate)
        {
            _lost.TryAdd(node, reason);
            held = [.. _current.Values.Where(a => a.Node.Name == node)];
            elsewhere = [.. _current.Values.Where(a => a.Node.Name != node)];
        }

        var places = _observer.On(node).ToDictionary(p => p.Task, p => p.Place);
        foreach (var attempt in held)
        {
            if (!_sink.IsFinished(attempt.Task))
            {
                var place = places.TryGetValue(attempt.Task, out var known) ? known : new TaskPlace(node, attempt.Node.ProcessId, 0);
                _sink.Finished(attempt.Task, TaskEventKind.Failed, place, lostAt, $"{reason} during the task");
            }

            attempt.Abandon();
        }

        _ = RecallUnreachedAsync(node, elsewhere);
    }

    /// <summary>
    /// Some seconds after <paramref name="lostNode"/> was lost, a call to another node that has not
    /// reached it is taken as lost on the way and its task goes back to the queue.
    /// </summary>
    private async Task RecallUnreachedAsync(string lostNode, List<TaskAttempt> sentBefore)
    {
        try
        {
            await Task.Delay(ReachGrace, _cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        foreach (var attempt in sentBefore)
        {
            bool recall;
            lock (_gate)
            {
                recall = _current.TryGetValue(attempt.Task, out var current) && current == attempt
                    && !_sink.IsFinished(attempt.Task) && !_observer.Reached(attempt.Task);
                if (recall)
                {
                    _current.Remove(attempt.Task);
                    _queue.Enqueue(attempt.Task);
                }
            }

            if (recall)
            {
                _logger.LogDebug("Task {Task} had not reached node {Node} {Seconds} s after node {Lost} was lost: sent again",
                    attempt.Task, attempt.Node.Name, ReachGrace.TotalSeconds, lostNode);
                attempt.Abandon();
            }
        }
    }

    /// <summary>False once <paramref name="node"/> is lost for this repetition.</summary>
    private bool IsUsable(NodeSlots node)
    {
        lock (_gate)
        {
            return !_lost.ContainsKey(node.Name);
        }
    }

    /// <summary>Tasks no node took because every node was lost: they fail, naming why.</summary>
    private void FailLeftOvers()
    {
        string why;
        lock (_gate)
        {
            why = _lost.Count == 0 ? "" : $" ({string.Join("; ", _lost.Values)})";
        }

        var now = MonotonicClock.Now;
        while (_queue.TryDequeue(out var task))
        {
            if (!_sink.IsFinished(task))
            {
                _sink.Finished(task, TaskEventKind.Failed, TaskPlace.Here, now, $"no lab node was left to run it{why}");
            }
        }
    }
}
