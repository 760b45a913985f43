using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Execution;

/// <summary>
/// The app's <see cref="IPlanObserver"/>: numbers and keeps each event in the <see cref="LiveRun"/>
/// (whose ticker publishes it to watchers), logs task failures, and has storage keep each
/// repetition as soon as it ends, so a crash later loses only the one going.
/// </summary>
internal sealed class LiveRunObserver(LiveRun run, WireEventConverter converter, TaskFailureLog failures, RunQueue queue) : IPlanObserver
{
    public void OnStarting() => converter.RunStarted(MonotonicClock.Now);

    public async ValueTask OnEventAsync(LabEvent labEvent)
    {
        if (labEvent is StrategyActivity activity)
        {
            // Not a timeline event: it changes what the run's status line says, at once.
            run.UpdateSummary(s => RunStartup.Apply(s, activity), ringNow: true);
            return;
        }

        if (labEvent is StrategyCompleted && run.Summary.Startup is not null)
        {
            run.UpdateSummary(RunStartup.Ended, ringNow: false);
        }

        run.Append(labEvent, converter);
        failures.Observe(labEvent);
        if (labEvent is StrategyCompleted)
        {
            await queue.RepetitionFinishedAsync(run, run.Summary.Results.Count - 1, CancellationToken.None);
        }
    }
}
