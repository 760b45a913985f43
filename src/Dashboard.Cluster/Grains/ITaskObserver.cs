using Orleans.Concurrency;

namespace Dashboard.Cluster.Grains;

/// <summary>
/// The app's listener for one repetition (a grain observer): nodes call it one way, so a slow app
/// never holds up a task.
/// </summary>
public interface ITaskObserver : IGrainObserver
{
    /// <summary>The task reached its node (it may still wait there for a CPU slot).</summary>
    [OneWay]
    Task OnAccepted(TaskNote note);

    [OneWay]
    Task OnStarted(TaskNote note);

    [OneWay]
    Task OnProgress(TaskNote note);
}
