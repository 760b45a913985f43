using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Storage;

/// <summary>
/// Every run the app knows, live and stored, behind one face: runs still queued or running come
/// from the <see cref="IRunQueue"/> (their state changes by the millisecond), finished runs from
/// the <see cref="IRunStore"/>. A run that has just finished but is not stored yet is shown from
/// memory, so it never blinks out of sight between the two.
/// </summary>
/// <param name="shared">Large finished stored runs read once for every page and request holding them (none: each read is its own).</param>
public sealed class RunHistory(IRunQueue queue, RunQueue ids, IRunStore store, TimeProvider time, ILogger<RunHistory> logger, SharedStoredRuns? shared = null)
{
    public Task<RunView?> FindAsync(long id, CancellationToken cancellationToken) =>
        FindAsync(id, forExport: false, cancellationToken);

    /// <summary>
    /// As <see cref="FindAsync(long, CancellationToken)"/>, but a stored run's spans are read as
    /// they are enumerated (<see cref="IRunStore.GetForExportAsync"/>): for exports that stream.
    /// </summary>
    public Task<RunView?> FindForExportAsync(long id, CancellationToken cancellationToken) =>
        FindAsync(id, forExport: true, cancellationToken);

    private async Task<RunView?> FindAsync(long id, bool forExport, CancellationToken cancellationToken)
    {
        var live = queue.Find(id);
        if (live is { IsFinished: false })
        {
            return Live(live);
        }

        await SavedAsync(id, cancellationToken);
        var stored = shared is null
            ? await ReadStoredAsync(id, forExport, cancellationToken)
            : await shared.GetAsync(id, forExport, ct => ReadStoredAsync(id, forExport, ct), cancellationToken);
        return stored ?? (live is null ? null : Live(live));
    }

    /// <summary>
    /// Waits while the store is saving a run that has just ended: its watchers heard the end first
    /// (<see cref="RunQueue.FinishAsync"/>), and whatever they click (an export, the API, History)
    /// reads the run as it ended, not its last record from while it ran. The save is bounded
    /// (<see cref="RunService.HandlerTimeout"/>), and so is the caller's wait.
    /// </summary>
    private Task SavedAsync(long id, CancellationToken cancellationToken) =>
        ids.Get(id)?.Saving is { IsCompleted: false } saving ? saving.WaitAsync(cancellationToken) : Task.CompletedTask;

    private async Task<RunView?> ReadStoredAsync(long id, bool forExport, CancellationToken cancellationToken)
    {
        var stored = forExport ? await store.GetForExportAsync(id, cancellationToken) : await store.GetAsync(id, cancellationToken);
        return stored is null
            ? null
            : new RunView(stored.Run, stored.Environment, stored.EventsSampled, stored.StoredEventCount, stored.TotalEventCount, stored.Imported, Live: false);
    }

    /// <summary>
    /// Newest first: runs queued or running that the store has not recorded yet, then the store's
    /// page, whose states are refreshed from the queue where it knows better.
    /// </summary>
    public async Task<RunPage> ListAsync(RunFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        // A run that has just ended is listed with its figures once its save is done.
        foreach (var ended in queue.List().Where(r => r.IsFinished))
        {
            await SavedAsync(ended.Id, cancellationToken);
        }

        var storedPage = await store.ListAsync(filter, 0, 1, cancellationToken);
        var newestStored = storedPage.Items.Count > 0 ? storedPage.Items[0].Id : 0;
        var unrecorded = queue.List()
            .Where(r => !r.IsFinished && r.Id > newestStored && Matches(r, filter))
            .OrderByDescending(r => r.Id)
            .Select(ToListItem)
            .ToArray();

        var fromLive = unrecorded.Skip(skip).Take(take).ToArray();
        var storeSkip = Math.Max(0, skip - unrecorded.Length);
        var storeTake = take - fromLive.Length;
        var page = storeTake > 0
            ? await store.ListAsync(filter, storeSkip, storeTake, cancellationToken)
            : storedPage with { Items = [] };
        var refreshed = page.Items.Select(item => queue.Find(item.Id) is { } live && live.State != item.State
            ? item with { State = live.State, StartedAt = live.StartedAt, EndedAt = live.EndedAt, Error = live.Error }
            : item);
        return new RunPage([.. fromLive, .. refreshed], page.Total + unrecorded.Length, skip, take);
    }

    /// <summary>
    /// Sets (or, for blank text, clears) a finished run's label. Queued and running runs are refused:
    /// the completion write stores the run as the queue knows it and would undo the label.
    /// </summary>
    public async Task<LabelOutcome> SetLabelAsync(long id, string? label, CancellationToken cancellationToken)
    {
        if (RunLabel.Problem(label) is not null)
        {
            return LabelOutcome.Invalid;
        }

        var text = RunLabel.Normalize(label);

        if (queue.Find(id) is { IsFinished: false })
        {
            return LabelOutcome.Active;
        }

        // The end's save writes the whole run: a label set before it would be undone.
        await SavedAsync(id, cancellationToken);

        return await store.SetLabelAsync(id, text, cancellationToken) ? LabelOutcome.Saved : LabelOutcome.NotFound;
    }

    /// <summary>Deletes a finished run; queued and running runs must be cancelled first.</summary>
    public async Task<DeleteOutcome> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        if (queue.Find(id) is { IsFinished: false })
        {
            return DeleteOutcome.Active;
        }

        // A delete before the end's save would be undone by it.
        await SavedAsync(id, cancellationToken);

        var deleted = await store.DeleteAsync(id, cancellationToken);

        // The queue's memory of recent runs forgets it too, so no list of hidden ids has to grow.
        var forgotten = ids.Forget(id);
        return deleted || forgotten ? DeleteOutcome.Deleted : DeleteOutcome.NotFound;
    }

    /// <summary>
    /// Stores an exported run under a new id, like a local run. A document of a run that had not
    /// finished is stored as interrupted (it will never finish here).
    /// </summary>
    public async Task<RunSummary> ImportAsync(RunDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var run = document.Run with { Id = ids.ReserveId(), QueuePosition = null };
        if (!run.IsFinished)
        {
            run = RunLifecycle.End(run, RunOutcome.ExportedUnfinished, time.GetUtcNow());
        }

        await store.SaveAsync(run, document.Environment, imported: true, cancellationToken);
        logger.LogInformation("Imported run {RunId} (was run {OriginalId}, exported {ExportedAt})", run.Id, document.Run.Id, document.ExportedAt);
        return run;
    }

    private static RunView Live(RunSummary run)
    {
        var spans = run.Results.Sum(r => r.Spans.Count);
        return new RunView(run, null, EventsSampled: false, spans, spans, Imported: false, Live: true);
    }

    private static bool Matches(RunSummary run, RunFilter filter) =>
        (filter.Workload is null || run.Plan.Parameters.Workload == filter.Workload)
        && (filter.State is null || run.State == filter.State);

    private static RunListItem ToListItem(RunSummary run) => new(
        run.Id, run.Label, run.Plan.Parameters.Workload, run.State, run.CreatedAt, run.StartedAt, run.EndedAt,
        run.Plan.Parameters.TaskCount, run.Plan.Strategies, run.Plan.Repeat, run.Plan.Warmup, run.Error,
        EventsSampled: false, Imported: false, new Dictionary<string, double>(StringComparer.Ordinal));
}
