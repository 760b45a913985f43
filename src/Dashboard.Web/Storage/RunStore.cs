using System.Text.Json;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs;
using Dashboard.Web.Storage.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Storage;

/// <inheritdoc />
public sealed class RunStore(
    IDbContextFactory<DashboardDbContext> contexts,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<RunStore> logger) : IRunStore
{
    private static readonly string Queued = RunRecordMapper.ToText(RunState.Queued);
    private static readonly string Running = RunRecordMapper.ToText(RunState.Running);
    private static readonly string Interrupted = RunRecordMapper.ToText(RunState.Interrupted);

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

            await context.Database.MigrateAsync(cancellationToken);
            if (context.Database.IsSqlite())
            {
                // WAL lets the History page read while a finished run is being written.
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            // Whatever was queued or running belonged to a process that is gone: this runs before
            // the current process stores any run, so it cannot touch a live one.
            var now = time.GetUtcNow();
            var interrupted = await context.Runs
                .Where(r => r.State == Queued || r.State == Running)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.State, Interrupted)
                    .SetProperty(r => r.EndedAt, r => r.EndedAt ?? now)
                    .SetProperty(r => r.Error, r => r.Error ?? "The app stopped before this run finished."),
                    cancellationToken);
            if (interrupted > 0)
            {
                logger.LogWarning("Marked {Count} runs interrupted: the app stopped while they were queued or running", interrupted);
            }

            logger.LogInformation("Run store ready ({Provider})", context.Database.ProviderName);
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    public async Task<bool> SaveAsync(RunSummary run, RunEnvironment? environment, bool imported, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await InitializeAsync(cancellationToken);
        var cap = options.Value.MaxEventsPerRun;
        var sampled = SpanSampler.Sample(run.Results, cap);
        var total = run.Results.Sum(r => r.Spans.Count);
        var stored = sampled.Sum(s => s.Count);

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await WriteAsync(run, environment, imported, sampled, total, stored, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<bool> WriteAsync(
        RunSummary run,
        RunEnvironment? environment,
        bool imported,
        IReadOnlyList<IReadOnlyList<Engine.Running.TaskSpan>> sampled,
        int total,
        int stored,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var record = await context.Runs.FirstOrDefaultAsync(r => r.Id == run.Id, cancellationToken);
        if (record is null)
        {
            record = new RunRecord { Id = run.Id, Imported = imported };
            context.Runs.Add(record);
        }
        else if (!run.IsFinished && RunRecordMapper.ParseState(record.State) is RunState.Completed or RunState.Failed or RunState.Cancelled or RunState.Interrupted)
        {
            logger.LogDebug("Run {RunId}: kept stored {Stored} over late {State}", run.Id, record.State, run.State);
            return false;
        }
        else
        {
            // Replace, not merge: the summary is the whole truth about the run's results.
            await context.StrategyResults.Where(s => s.RunId == run.Id).ExecuteDeleteAsync(cancellationToken);
        }

        RunRecordMapper.CopyRun(run, record);
        if (environment is not null)
        {
            record.EnvironmentJson = JsonSerializer.Serialize(environment, RunJson.Options);
        }

        record.TotalEventCount = total;
        record.StoredEventCount = stored;
        record.EventsSampled = stored < total;
        var results = run.Results.Select((r, i) => RunRecordMapper.ToRecord(r, i)).ToArray();
        foreach (var result in results)
        {
            result.RunId = run.Id;
        }

        context.StrategyResults.AddRange(results);
        await context.SaveChangesAsync(cancellationToken);
        var batches = results.Select((r, i) => (r.Id, sampled[i])).ToArray();
        var spansFrom = time.GetTimestamp();
        await SpanBulkWriter.WriteAsync(context, transaction, batches, cancellationToken);
        var spansTook = time.GetElapsedTime(spansFrom);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Stored run {RunId} ({State}): {Results} results, {Stored} of {Total} spans in {ElapsedMs:0.0} ms (spans {SpansMs:0.0} ms)",
            run.Id, record.State, results.Length, stored, total, time.GetElapsedTime(started).TotalMilliseconds, spansTook.TotalMilliseconds);

        await ApplyRetentionAsync(context, cancellationToken);
        return true;
    }

    public async Task<StoredRun?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await context.Runs
            .AsNoTracking()
            .Include(r => r.Results)
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        // Spans are read as plain rows and attached by hand: EF's Include fix-up costs more than
        // the query itself at 10,000+ rows.
        var resultIds = record.Results.Select(r => r.Id).ToArray();
        var spans = await context.TaskSpans
            .AsNoTracking()
            .Where(s => resultIds.Contains(s.StrategyResultId))
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var byResult = record.Results.ToDictionary(r => r.Id);
        foreach (var span in spans)
        {
            byResult[span.StrategyResultId].Spans.Add(span);
        }

        return new StoredRun(
            RunRecordMapper.ToSummary(record),
            ReadEnvironment(record),
            record.EventsSampled,
            record.StoredEventCount,
            record.TotalEventCount,
            record.Imported);
    }

    public async Task<RunPage> ListAsync(RunFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, IRunStore.MaxTake);
        await InitializeAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.Runs.AsNoTracking();
        if (filter.Workload is { } workload)
        {
            query = query.Where(r => r.Workload == workload);
        }

        if (filter.State is { } state)
        {
            var text = RunRecordMapper.ToText(state);
            query = query.Where(r => r.State == text);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(r => r.Id)
            .Skip(skip)
            .Take(take)
            .Select(r => new
            {
                r.Id, r.Label, r.Workload, r.State, r.CreatedAt, r.StartedAt, r.EndedAt, r.TaskCount,
                r.Strategies, r.Repeat, r.Warmup, r.Error, r.EventsSampled, r.Imported,
            })
            .ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Id).ToArray();
        var walls = await context.StrategyResults
            .AsNoTracking()
            .Where(s => ids.Contains(s.RunId) && s.Repetition >= 0 && !s.Cancelled)
            .Select(s => new { s.RunId, s.Strategy, s.WallSeconds })
            .ToListAsync(cancellationToken);
        var medians = walls
            .GroupBy(w => w.RunId)
            .ToDictionary(
                g => g.Key,
                g => g.GroupBy(w => w.Strategy, StringComparer.Ordinal)
                    .ToDictionary(s => s.Key, s => Median(s.Select(w => w.WallSeconds)), StringComparer.Ordinal));

        var items = rows.Select(r =>
        {
            var strategies = r.Strategies.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var perStrategy = medians.GetValueOrDefault(r.Id);
            var ordered = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var strategy in strategies)
            {
                if (perStrategy is not null && perStrategy.TryGetValue(strategy, out var median))
                {
                    ordered[strategy] = median;
                }
            }

            return new RunListItem(
                r.Id, r.Label, r.Workload, RunRecordMapper.ParseState(r.State), r.CreatedAt, r.StartedAt, r.EndedAt,
                r.TaskCount, strategies, r.Repeat, r.Warmup, r.Error, r.EventsSampled, r.Imported, ordered);
        }).ToArray();

        return new RunPage(items, total, skip, take);
    }

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

    public async Task<long> GetMaxIdAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Runs.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
    }

    private async Task ApplyRetentionAsync(DashboardDbContext context, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxRuns;
        var doomed = await context.Runs
            .Where(r => r.State != Queued && r.State != Running)
            .OrderByDescending(r => r.Id)
            .Skip(max)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        if (doomed.Count == 0)
        {
            return;
        }

        var deleted = await context.Runs.Where(r => doomed.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Retention (Storage:MaxRuns {MaxRuns}) deleted {Count} oldest runs", max, deleted);
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

    private RunEnvironment? ReadEnvironment(RunRecord record)
    {
        if (record.EnvironmentJson is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RunEnvironment>(record.EnvironmentJson, RunJson.Options);
        }
        catch (JsonException ex)
        {
            // An unreadable environment must not hide the run's results.
            logger.LogWarning(ex, "Run {RunId}: stored environment is not readable", record.Id);
            return null;
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
