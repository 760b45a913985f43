namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// Why a run ends. <see cref="RunLifecycle.FinalState"/> turns each into the state the run ends in,
/// and <see cref="RunLifecycle.Message"/> into the one error text of that cause.
/// </summary>
public enum RunOutcome
{
    /// <summary>The engine finished every repetition.</summary>
    Completed,

    /// <summary>The run could not go on (the engine or its set-up threw).</summary>
    Failed,

    /// <summary>A person cancelled it (queued or running).</summary>
    Cancelled,

    /// <summary>It was still going at its wall-clock limit.</summary>
    TimedOut,

    /// <summary>The app stopped (or crashed) while it was queued or running.</summary>
    AppStopped,

    /// <summary>It arrived through an import of a document exported before it finished.</summary>
    ExportedUnfinished,
}
