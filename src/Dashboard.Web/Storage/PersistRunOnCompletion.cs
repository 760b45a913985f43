using Dashboard.Web.Runs;

namespace Dashboard.Web.Storage;

/// <summary>Stores every run the run service finishes (completed, failed, cancelled, interrupted), before the next one starts.</summary>
internal sealed class PersistRunOnCompletion(IRunStore store, RunEnvironmentSource environment) : IRunCompletedHandler
{
    public async Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken) =>
        await store.SaveAsync(run.Summary, environment.Capture(), imported: false, cancellationToken);
}
