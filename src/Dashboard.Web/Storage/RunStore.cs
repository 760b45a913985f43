using System.Text.Json;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Storage;

/// <inheritdoc />
public sealed partial class RunStore(
    IDbContextFactory<DashboardDbContext> contexts,
    IOptions<StorageOptions> options,
    TimeProvider time,
    RunOutputFolders folders,
    ILogger<RunStore> logger) : IRunStore
{
    private static readonly string[] Unfinished = [.. RunLifecycle.Unfinished.Select(RunRecordMapper.ToText)];

    // The start-up sweep: the states RunLifecycle lets move to the app-stopped state, that state, and its one message.
    private static readonly string[] Swept = [.. RunLifecycle.SweptAtStartUp.Select(RunRecordMapper.ToText)];
    private static readonly string AppStoppedState = RunRecordMapper.ToText(RunLifecycle.FinalState(RunOutcome.AppStopped));
    private static readonly string AppStoppedMessage = RunLifecycle.Message(RunOutcome.AppStopped)!;

    private readonly SemaphoreSlim _initGate = new(1, 1);

    // One writer at a time: the queued-run record and the completion write of the same run may
    // race (both read "no row", both insert); SQLite allows one writer anyway, and runs are few.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile bool _initialized;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            if (context.Database.GetDbConnection() is SqliteConnection sqlite)
            {
                PrepareSqliteFile(sqlite);
            }

            // The history table first: on an empty PostgreSQL database the migrator otherwise reads
            // it before creating it, and EF logs that failed read as an error although the start
            // goes on fine (an error in the log of a healthy first start sends people looking).
            await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await context.Database.MigrateAsync(cancellationToken);
            if (context.Database.IsSqlite())
            {
                // WAL lets the History page read while a finished run is being written.
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            // Whatever was queued or running belonged to a process that is gone: this runs before
            // the current process stores any run, so it cannot touch a live one. One bulk update
            // that makes what RunLifecycle.End(run, AppStopped) makes of each run it may move.
            var now = time.GetUtcNow();
            var interrupted = await context.Runs
                .Where(r => Swept.Contains(r.State))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.State, AppStoppedState)
                    .SetProperty(r => r.EndedAt, r => r.EndedAt ?? now)
                    .SetProperty(r => r.Error, r => r.Error ?? AppStoppedMessage),
                    cancellationToken);
            if (interrupted > 0)
            {
                logger.LogWarning("Marked {Count} runs interrupted: the app stopped while they were queued or running", interrupted);
            }

            // Limits lowered while the app was down apply now, not only after the next run.
            await ApplyRetentionAsync(context, cancellationToken);

            logger.LogInformation("Run store ready ({Provider})", context.Database.ProviderName);
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    public Task<bool> SaveAsync(RunSummary run, RunEnvironment? environment, bool imported, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return WriteGatedAsync(run, environment, imported, run.Results.Count, wholeTruth: true, cancellationToken);
    }

    public Task<bool> SaveStateAsync(RunSummary run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return WriteGatedAsync(run, environment: null, imported: false, keepResults: 0, wholeTruth: false, cancellationToken);
    }

    public Task<bool> AppendResultAsync(RunSummary run, int ordinal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, run.Results.Count);
        return WriteGatedAsync(run, environment: null, imported: false, ordinal + 1, wholeTruth: false, cancellationToken);
    }

    private async Task<bool> WriteGatedAsync(
        RunSummary run, RunEnvironment? environment, bool imported, int keepResults, bool wholeTruth, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await WriteAsync(run, environment, imported, keepResults, wholeTruth, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Brings the stored run up to <paramref name="run"/>: the run row always, and results up to
    /// <paramref name="keepResults"/> by appending only those not stored yet (a run stored
    /// repetition by repetition is never rewritten). <paramref name="wholeTruth"/>: the summary is
    /// the whole run (its end, an import); stored results that do not match it, or a run stored as
    /// finished, are replaced.
    /// </summary>
    private async Task<bool> WriteAsync(
        RunSummary run, RunEnvironment? environment, bool imported, int keepResults, bool wholeTruth, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var record = await context.Runs.FirstOrDefaultAsync(r => r.Id == run.Id, cancellationToken);
        var stored = new List<StoredResultKey>();
        var replace = false;
        if (record is null)
        {
            record = new RunRecord { Id = run.Id, Imported = imported };
            context.Runs.Add(record);
        }
        else
        {
            var storedState = RunRecordMapper.ParseState(record.State);
            if (storedState != run.State && !RunLifecycle.CanReach(storedState, run.State))
            {
                // A late write (the "queued" record after the end, a repetition after the end) never undoes a later state.
                logger.LogDebug("Run {RunId}: kept stored {Stored} over late {State}", run.Id, record.State, run.State);
                return false;
            }

            stored = await context.StrategyResults
                .Where(s => s.RunId == run.Id)
                .OrderBy(s => s.Ordinal)
                .Select(s => new StoredResultKey(s.Ordinal, s.Strategy, s.Repetition))
                .ToListAsync(cancellationToken);
            var matching = MatchingPrefix(stored, run.Results);
            replace = wholeTruth && (RunLifecycle.IsFinal(storedState) || matching < stored.Count);
            if (!replace && matching < stored.Count)
            {
                logger.LogWarning("Run {RunId}: stored results differ from the live ones; new ones not appended", run.Id);
                keepResults = 0;
            }
        }

        if (replace)
        {
            // The summary is the whole truth about a run stored as finished (or one that disagrees): replace, not merge.
            await context.StrategyResults.Where(s => s.RunId == run.Id).ExecuteDeleteAsync(cancellationToken);
            stored.Clear();
            record.TotalEventCount = 0;
            record.StoredEventCount = 0;
        }

        RunRecordMapper.CopyRun(run, record);
        if (environment is not null)
        {
            record.EnvironmentJson = JsonSerializer.Serialize(environment, RunJsonOptions.Compact);
        }

        var from = stored.Count;
        var tail = keepResults > from ? run.Results.Skip(from).Take(keepResults - from).ToArray() : Array.Empty<Engine.Running.StrategyResult>();
        var sampled = SampleTail(run, from, tail, wholeTruth);
        var tailTotal = tail.Sum(r => r.Spans.Count);
        var tailStored = sampled.Sum(s => s.Count);
        record.TotalEventCount = wholeTruth ? run.Results.Sum(r => r.Spans.Count) : record.TotalEventCount + tailTotal;
        record.StoredEventCount += tailStored;
        record.EventsSampled = record.StoredEventCount < record.TotalEventCount;
        var spansFrom = time.GetTimestamp();
        var results = tail.Select((r, i) => RunRecordMapper.ToRecord(r, from + i, sampled[i])).ToArray();
        var spansTook = time.GetElapsedTime(spansFrom);
        foreach (var result in results)
        {
            result.RunId = run.Id;
        }

        record.StoredBytes = RunRecordMapper.Bytes(record);
        context.StrategyResults.AddRange(results);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Stored run {RunId} ({State}): {Results} new results ({Kept} kept before), {Stored} of {Total} new spans ({SpanBytes} bytes) in {ElapsedMs:0.0} ms (encoding spans {SpansMs:0.0} ms)",
            run.Id, record.State, results.Length, from, tailStored, tailTotal, results.Sum(r => r.SpansBlob?.LongLength ?? 0),
            time.GetElapsedTime(started).TotalMilliseconds, spansTook.TotalMilliseconds);

        if (wholeTruth)
        {
            await ApplyRetentionAsync(context, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Which spans of the new results to store. A whole run written at once is sampled as one
    /// (<see cref="SpanSampler"/>); a run written repetition by repetition gives each repetition an
    /// equal share of the cap, as the plan foresees them, so the shares add up to the cap.
    /// </summary>
    private IReadOnlyList<IReadOnlyList<Engine.Running.TaskSpan>> SampleTail(RunSummary run, int from, IReadOnlyList<Engine.Running.StrategyResult> tail, bool wholeTruth)
    {
        var cap = options.Value.MaxEventsPerRun;
        if (wholeTruth && from == 0)
        {
            return SpanSampler.Sample(tail, cap);
        }

        var planned = Math.Max(run.Results.Count, run.Plan.StrategyRuns.Count * (run.Plan.Repeat + run.Plan.Warmup));
        return tail
            .Select((result, i) =>
            {
                var ordinal = from + i;
                var share = (cap / planned) + (ordinal < cap % planned ? 1 : 0);
                return SpanSampler.Sample([result], share)[0];
            })
            .ToArray();
    }

    private static int MatchingPrefix(List<StoredResultKey> stored, IReadOnlyList<Engine.Running.StrategyResult> results)
    {
        var n = 0;
        while (n < stored.Count && n < results.Count
               && stored[n].Ordinal == n
               && string.Equals(stored[n].Strategy, results[n].Strategy, StringComparison.Ordinal)
               && stored[n].Repetition == results[n].Repetition)
        {
            n++;
        }

        return n;
    }

    private sealed record StoredResultKey(int Ordinal, string Strategy, int Repetition);

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        // Results and spans go with the run through ON DELETE CASCADE.
        int deleted;
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            deleted = await context.Runs.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }

        if (deleted > 0)
        {
            logger.LogInformation("Deleted run {RunId}", id);
        }

        // Also when the run had no row (only in memory): its files must not outlive it.
        await folders.DeleteAsync(id, cancellationToken);
        return deleted > 0;
    }

    public async Task<bool> SetLabelAsync(long id, string? label, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        int updated;
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            updated = await context.Runs.Where(r => r.Id == id)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Label, label), cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }

        if (updated > 0)
        {
            logger.LogInformation("Run {RunId} labelled {Label}", id, label);
        }

        return updated > 0;
    }

    private static void PrepareSqliteFile(SqliteConnection connection)
    {
        var dataSource = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
