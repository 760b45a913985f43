using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Cluster;

/// <summary>
/// Lab nodes that run tasks for the <c>cluster</c> strategy. The Engine knows only this seam; the
/// Orleans client, grains and node processes live in Dashboard.Cluster and Dashboard.Node, so the
/// Engine (which the Native AOT worker compiles) takes no Orleans dependency.
/// </summary>
public interface ITaskCluster
{
    /// <summary>
    /// Runs every task of <paramref name="job"/> on the nodes (one grain call per task) and reports
    /// each task's events to <paramref name="sink"/>. <paramref name="kind"/> says how many tasks a
    /// node gets at once: CPU-bound, one per CPU slot (the next when one ends); otherwise an even
    /// share, so the waits overlap. Returns when every task has ended, or soon after
    /// <paramref name="cancellationToken"/> fires. Throws only when no node is usable at all.
    /// </summary>
    Task RunAsync(WorkerJob job, WorkloadKind kind, IClusterTaskSink sink, CancellationToken cancellationToken);
}
