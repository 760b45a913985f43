namespace Dashboard.Cluster.Grains;

/// <summary>
/// One task of a repetition, run on whichever node the placement picked. The key is a fresh Guid
/// per task, so every call is its own activation and the placement decides per task.
/// </summary>
public interface ITaskGrain : IGrainWithGuidKey
{
    /// <summary>Runs the task; reports its start and progress to <paramref name="observer"/> as they happen.</summary>
    Task<TaskOutcome> RunAsync(TaskCall request, ITaskObserver observer, CancellationToken cancellationToken);
}
