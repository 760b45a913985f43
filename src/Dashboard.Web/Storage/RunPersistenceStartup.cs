using Dashboard.Web.Runs;

namespace Dashboard.Web.Storage;

/// <summary>At start: migrate, mark the previous process's unfinished runs interrupted, and make new run ids continue above the stored ones.</summary>
internal sealed class RunPersistenceStartup(IRunStore store, RunQueue queue, ILogger<RunPersistenceStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var maxId = await store.GetMaxIdAsync(cancellationToken);
        queue.EnsureIdsAbove(maxId);
        logger.LogInformation("Run ids continue above {MaxStoredId}", maxId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
