using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Storage;

/// <summary>
/// The run history in the database (SQLite file or PostgreSQL). Safe to use from any thread;
/// every method creates its own short-lived context. The first call creates and migrates the
/// database and marks runs left queued or running by a previous process as interrupted.
/// </summary>
public interface IRunStore
{
    /// <summary>Largest skip/take accepted by <see cref="ListAsync"/>.</summary>
    public const int MaxTake = 500;

    /// <summary>Creates/migrates the database and marks runs of a previous process interrupted. Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the whole run in one transaction (run row, results, spans: all or nothing), then
    /// deletes the oldest finished runs beyond "Storage:MaxRuns" (runs made here) and
    /// "Storage:MaxImportedRuns" (imports), with their output folders. Results already stored
    /// repetition by repetition (<see cref="AppendResultAsync"/>) are kept and only the rest is
    /// appended; a run stored as finished, or stored results that disagree, are replaced. A run not
    /// yet finished is stored too (so a restart can mark it interrupted), but a write never moves a
    /// run to a state that cannot follow the stored one (<see cref="RunLifecycle.CanReach"/>): a
    /// late "queued" write cannot undo a completed run. Returns false when the write was skipped so.
    /// </summary>
    /// <param name="environment">Where it ran; null keeps what is stored.</param>
    /// <param name="imported">True for a run that came from an export file rather than running here.</param>
    Task<bool> SaveAsync(RunSummary run, RunEnvironment? environment, bool imported, CancellationToken cancellationToken);

    /// <summary>
    /// Records the run's state and fields (a run entering the queue, starting, or ending before it
    /// ran) without touching its stored results. Skipped (false) like <see cref="SaveAsync"/> when late.
    /// </summary>
    Task<bool> SaveStateAsync(RunSummary run, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the run's results up to and including <paramref name="ordinal"/> that are not stored
    /// yet (normally just that one repetition, with its spans), and the run row, in one transaction.
    /// Each repetition gets an equal share of "Storage:MaxEventsPerRun" spans. Skipped (false) once
    /// the stored run has ended.
    /// </summary>
    Task<bool> AppendResultAsync(RunSummary run, int ordinal, CancellationToken cancellationToken);

    /// <summary>Ids of every stored run.</summary>
    Task<IReadOnlyList<long>> ListIdsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The run with its results and stored spans, or null when unknown. A repetition of up to
    /// <see cref="Columns.StoredSpanList.KeptWholeUpTo"/> spans is decoded once, on first use, and
    /// kept; a larger one is decoded as it is enumerated, every time, never held (as
    /// <see cref="GetForExportAsync"/>), so no page or request holds a million-task repetition's spans.
    /// </summary>
    Task<StoredRun?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// The run as <see cref="GetAsync"/> reads it, but each repetition's spans are decoded from
    /// their compressed blob as they are enumerated, one chunk at a time: an export of a
    /// million-task run writes as it reads and never holds the million spans. Enumerate or select
    /// rows (<see cref="Columns.StoredSpanList.Select"/>); the indexer reads forward, one chunk held,
    /// and starts again when asked for an earlier index. Runs stored before blobs read as before.
    /// </summary>
    Task<StoredRun?> GetForExportAsync(long id, CancellationToken cancellationToken);

    /// <summary>Light summaries, newest first. <paramref name="take"/> is 1..<see cref="MaxTake"/>.</summary>
    Task<RunPage> ListAsync(RunFilter filter, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Deletes a run and everything under it, its output folder included; false when unknown.</summary>
    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken);

    /// <summary>Sets or clears (null) a stored run's label; false when unknown.</summary>
    Task<bool> SetLabelAsync(long id, string? label, CancellationToken cancellationToken);

    /// <summary>The largest run id stored (0 when empty), so new ids never collide with history.</summary>
    Task<long> GetMaxIdAsync(CancellationToken cancellationToken);
}
