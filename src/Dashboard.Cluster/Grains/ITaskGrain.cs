using Orleans.Concurrency;

namespace Dashboard.Cluster.Grains;

/// <summary>
/// One slot of a repetition on one node: runs the tasks the app sends it, one at a time. The key
/// is a fresh Guid per slot and repetition, placed on the slot's node by the placement hint of its
/// first call; the activation then stays for the slot's later tasks (no placement, directory
/// registration or activation per task) until the app releases it.
/// </summary>
public interface ITaskGrain : IGrainWithGuidKey
{
    /// <summary>Runs the task; reports its start and progress to <paramref name="observer"/> as they happen.</summary>
    Task<TaskOutcome> RunAsync(TaskCall request, ITaskObserver observer, CancellationToken cancellationToken);

    /// <summary>The slot is done: the activation goes once idle.</summary>
    [OneWay]
    Task ReleaseAsync();
}
