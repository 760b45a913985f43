using Dashboard.Engine.Running;

namespace Dashboard.Engine.Cluster;

/// <summary>Where a cluster reports what happens to the tasks of one repetition. Thread-safe.</summary>
public interface IClusterTaskSink
{
    /// <summary>Task <paramref name="task"/> started at <paramref name="place"/> (a <see cref="MonotonicClock"/> reading).</summary>
    void Started(int task, TaskPlace place, long timestamp);

    void Progress(int task, TaskPlace place, long timestamp, string detail);

    /// <summary>The task ended (Completed, Failed or Cancelled); a second end of the same task is ignored.</summary>
    void Finished(int task, TaskEventKind kind, TaskPlace place, long timestamp, string? detail);

    /// <summary>True once the task has ended.</summary>
    bool IsFinished(int task);

    /// <summary>The cluster starts <paramref name="count"/> local nodes for this repetition (none has joined yet).</summary>
    void NodesStarting(int count);

    /// <summary>
    /// One of the nodes this repetition started joined, described as the node panel lists it (its
    /// <see cref="ClusterNode.JoinSeconds"/> set, CPU 0): <paramref name="joined"/> of
    /// <paramref name="count"/> have joined. Called as each joins, possibly from several threads.
    /// </summary>
    void NodeJoined(ClusterNode node, int joined, int count);

    /// <summary>Every node started has joined; the app now connects its client to them.</summary>
    void Connecting();

    /// <summary>
    /// The nodes checked the repetition's files where they wrote them ("ok" or what is wrong): the
    /// repetition's output check is this, not the app's own look at its folder, which holds none of them.
    /// </summary>
    void OutputsChecked(string check);

    /// <summary>What the nodes' runtimes reported for this repetition (long grain turns), added to the repetition's runtime events.</summary>
    void NodeEvents(RuntimeEvents events);

    /// <summary>The repetition used <paramref name="node"/> (reported once per node as it ends).</summary>
    void NodeUsed(ClusterNode node)
    {
    }

    /// <summary>The nodes' processes used <paramref name="cpuSeconds"/> of CPU running this repetition's tasks.</summary>
    void NodeUsage(double cpuSeconds);
}
