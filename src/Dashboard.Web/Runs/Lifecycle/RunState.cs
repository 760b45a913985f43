namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// Where a run is in its life. Interrupted: the app stopped while it was queued or ran.
/// TimedOut: it was still going at its wall-clock limit (<see cref="RunServiceOptions.MaxRunWallSeconds"/>).
/// Which moves are legal, and which states are final, is decided by <see cref="RunLifecycle"/> alone.
/// </summary>
public enum RunState
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
    Interrupted,
    TimedOut,
}
