using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Storage;

/// <summary>The store's retention: run counts (made here, imported) and stored bytes.</summary>
public sealed partial class RunStore
{
    /// <summary>
    /// Raised for each run retention deleted, once the delete is done: caches of stored runs forget
    /// exactly those (<see cref="ListenedRunStore"/> tells its listeners), not every run.
    /// </summary>
    public event Action<long>? Pruned;

    /// <summary>
    /// Runs made here and imported runs each keep their own limit (Storage:MaxRuns,
    /// Storage:MaxImportedRuns), so a pile of imports never evicts the runs made on this machine.
    /// </summary>
    private async Task ApplyRetentionAsync(DashboardDbContext context, CancellationToken cancellationToken)
    {
        await ApplyRetentionAsync(context, imported: false, options.Value.MaxRuns, cancellationToken);
        await ApplyRetentionAsync(context, imported: true, options.Value.MaxImportedRuns, cancellationToken);
        await ApplyByteRetentionAsync(context, options.Value.MaxStoredBytes, cancellationToken);
    }

    /// <summary>
    /// Storage:MaxStoredBytes over every finished run (made here and imported): newest first, the
    /// runs past the point where their bytes add up to more than the limit are deleted, except the
    /// newest, which is kept whatever its size (a run just stored never deletes itself).
    /// </summary>
    private async Task ApplyByteRetentionAsync(DashboardDbContext context, long max, CancellationToken cancellationToken)
    {
        var sizes = await context.Runs
            .Where(r => !Unfinished.Contains(r.State))
            .OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, Bytes = r.StoredBytes + context.StrategyResults.Where(s => s.RunId == r.Id).Sum(s => s.StoredBytes) })
            .ToListAsync(cancellationToken);
        long total = 0;
        var doomed = new List<long>();
        for (var i = 0; i < sizes.Count; i++)
        {
            total += sizes[i].Bytes;
            if (i > 0 && total > max)
            {
                doomed.Add(sizes[i].Id);
            }
        }

        if (doomed.Count == 0)
        {
            return;
        }

        var deleted = await context.Runs.Where(r => doomed.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        await ForgetAsync(doomed, cancellationToken);

        logger.LogInformation("Retention (Storage:MaxStoredBytes {Max}) deleted {Count} oldest runs of {Bytes} stored bytes",
            max, deleted, total);
    }

    private async Task ApplyRetentionAsync(DashboardDbContext context, bool imported, int max, CancellationToken cancellationToken)
    {
        var doomed = await context.Runs
            .Where(r => r.Imported == imported && !Unfinished.Contains(r.State))
            .OrderByDescending(r => r.Id)
            .Skip(max)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        if (doomed.Count == 0)
        {
            return;
        }

        var deleted = await context.Runs.Where(r => doomed.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        await ForgetAsync(doomed, cancellationToken);

        logger.LogInformation("Retention ({Setting} {Max}) deleted {Count} oldest runs",
            imported ? "Storage:MaxImportedRuns" : "Storage:MaxRuns", max, deleted);
    }

    // The pruned runs' folders go with them, and whoever caches them hears of each.
    private async Task ForgetAsync(List<long> doomed, CancellationToken cancellationToken)
    {
        foreach (var id in doomed)
        {
            // Its row is gone already: told first, so a folder that cannot be deleted never leaves a cache stale.
            Pruned?.Invoke(id);
            await folders.DeleteAsync(id, cancellationToken);
        }
    }
}
