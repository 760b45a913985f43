namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// Watches runs from the side without owning them: the queue (<see cref="RunQueue"/>) tells every
/// registered observer about each state change, and the run service about each finished strategy
/// repetition, and about the end of a run that ran once, with its events (<see cref="OnRunEndedAsync"/>).
/// Storage and telemetry are observers.
/// </summary>
public interface IRunObserver
{
    /// <summary>
    /// A legal state change, in order per run, after it happened: every one but the end of a run
    /// that ran, which <see cref="OnRunEndedAsync"/> tells. Called from request threads
    /// (enqueue, cancel), so it must not block: hand the work off.
    /// </summary>
    void OnTransition(RunTransition transition);

    /// <summary>
    /// A strategy repetition finished while its run goes on; <paramref name="ordinal"/> is its
    /// place in <see cref="RunSummary.Results"/>. The run service awaits this before reading further
    /// events, so keep it short (queue the work and return once it is accepted).
    /// </summary>
    Task OnRepetitionFinishedAsync(RunSummary run, int ordinal, CancellationToken cancellationToken);

    /// <summary>
    /// A run that ran has ended (completed, failed, cancelled, interrupted, timed out): its move from
    /// running to <see cref="CompletedRun.Summary"/>'s state, told once, before the next run starts.
    /// Its watchers have heard the end just before (they need nothing stored); while observers run,
    /// <see cref="LiveRun.Saving"/> is pending and readers of the stored run wait for it, so whoever
    /// reacts to the end (an export, History, the API) finds it stored. Awaited within a bound, even
    /// while the app stops; an observer that throws is logged and does not stop the others.
    /// </summary>
    Task OnRunEndedAsync(CompletedRun run, CancellationToken cancellationToken);
}
