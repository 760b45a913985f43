namespace Dashboard.Web.Runs;

/// <summary>
/// Watches runs from the side without owning them: the queue (<see cref="RunQueue"/>) tells every
/// registered observer about each state change, and the run service about each finished strategy
/// repetition. Storage is one. The final state of a run that ran is also handed, with its events,
/// to <see cref="IRunCompletedHandler"/>s, before watchers learn of it.
/// </summary>
public interface IRunObserver
{
    /// <summary>
    /// A legal state change, in order per run, after it happened. Called from request threads
    /// (enqueue, cancel), so it must not block: hand the work off.
    /// </summary>
    void OnTransition(RunTransition transition);

    /// <summary>
    /// A strategy repetition finished while its run goes on; <paramref name="ordinal"/> is its
    /// place in <see cref="RunSummary.Results"/>. The run service awaits this before reading further
    /// events, so keep it short (queue the work and return once it is accepted).
    /// </summary>
    Task OnRepetitionFinishedAsync(RunSummary run, int ordinal, CancellationToken cancellationToken);
}
