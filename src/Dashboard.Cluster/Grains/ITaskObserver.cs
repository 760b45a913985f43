using Orleans.Concurrency;

namespace Dashboard.Cluster.Grains;

/// <summary>
/// The app's listener for one repetition (a grain observer): nodes call it one way, so a slow app
/// never holds up a task.
/// </summary>
public interface ITaskObserver : IGrainObserver
{
    [OneWay]
    Task OnStarted(TaskNote note);

    [OneWay]
    Task OnProgress(TaskNote note);
}
