namespace Dashboard.Web.Runs;

/// <summary>Where a run is in its life. Interrupted: the app stopped while it ran.</summary>
public enum RunState
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
    Interrupted,
}
