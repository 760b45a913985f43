using Dashboard.Engine.Running;

namespace Dashboard.Engine.Cluster;

/// <summary>Where a task ran on a cluster: the node (silo) name, its process id and the thread.</summary>
public readonly record struct TaskPlace(string Node, int ProcessId, int ThreadId)
{
    /// <summary>The calling thread of this process, for tasks that failed before reaching a node.</summary>
    public static TaskPlace Here => new(string.Empty, Environment.ProcessId, Environment.CurrentManagedThreadId);

    public Lane Lane => new(ProcessId, ThreadId);
}
