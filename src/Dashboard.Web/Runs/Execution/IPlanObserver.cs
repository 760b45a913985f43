using Dashboard.Engine.Running;

namespace Dashboard.Web.Runs.Execution;

/// <summary>
/// Hears one plan that <see cref="PlanExecutor"/> runs: the app's live run (the feed, the failure
/// log, storage's per-repetition record) and the bench's console each implement it.
/// </summary>
public interface IPlanObserver
{
    /// <summary>Just before the engine starts the plan: the moment its event times count from.</summary>
    void OnStarting();

    /// <summary>
    /// Each engine event, in order, the cancelled strategies' last ones included. The executor
    /// awaits it before it reads the next event, so keep it short.
    /// </summary>
    ValueTask OnEventAsync(LabEvent labEvent);
}
