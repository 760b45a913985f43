using Dashboard.Web.Runs;

namespace Dashboard.Web.Storage;

/// <summary>
/// Stores every run the run service finishes (completed, failed, cancelled, interrupted, timed out),
/// before the next one starts, through the recorder so it lands after the repetitions already heard.
/// </summary>
internal sealed class PersistRunOnCompletion(RunStateRecorder recorder) : IRunCompletedHandler
{
    public async Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken) =>
        await recorder.SaveFinishedAsync(run.Summary, run.Environment, cancellationToken);
}
