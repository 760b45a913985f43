using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Storage;

/// <summary>
/// At start: migrate, mark the previous process's unfinished runs interrupted (their finished
/// repetitions stay), make new run ids continue above the stored ones, and remove output folders
/// of runs the store no longer has (deleted, or beyond retention while the app was down).
/// </summary>
internal sealed class RunPersistenceStartup(IRunStore store, RunQueue queue, RunOutputFolders folders, ILogger<RunPersistenceStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var maxId = await store.GetMaxIdAsync(cancellationToken);
        queue.EnsureIdsAbove(maxId);
        logger.LogInformation("Run ids continue above {MaxStoredId}", maxId);

        var stored = (await store.ListIdsAsync(cancellationToken)).ToHashSet();
        var removed = 0;
        foreach (var id in folders.List())
        {
            if (!stored.Contains(id) && queue.Get(id) is null && await folders.DeleteAsync(id, cancellationToken))
            {
                removed++;
            }
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} output folders of runs no longer stored", removed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
