using System.Text.Json;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Storage;

/// <summary>The store's reads: one run with its spans, a page of the list, the ids.</summary>
public sealed partial class RunStore
{
    public Task<StoredRun?> GetAsync(long id, CancellationToken cancellationToken) =>
        GetAsync(id, streamSpans: false, cancellationToken);

    public Task<StoredRun?> GetForExportAsync(long id, CancellationToken cancellationToken) =>
        GetAsync(id, streamSpans: true, cancellationToken);

    private async Task<StoredRun?> GetAsync(long id, bool streamSpans, CancellationToken cancellationToken)
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

        // Runs stored before blobs keep their spans as rows: read as plain rows and attached by
        // hand (EF's Include fix-up costs more than the query itself at 10,000+ rows).
        var resultIds = record.Results.Where(r => r.SpansBlob is null).Select(r => r.Id).ToArray();
        if (resultIds.Length > 0)
        {
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
        }

        var environment = ReadEnvironment(record);
        return new StoredRun(
            RunRecordMapper.ToSummary(record, streamSpans) with { CalibrationSeconds = environment?.CalibrationSeconds },
            environment,
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
                    .ToDictionary(s => s.Key, s => Quantiles.Median(s.Select(w => w.WallSeconds)), StringComparer.Ordinal));

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

    public async Task<long> GetMaxIdAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Runs.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
    }

    public async Task<IReadOnlyList<long>> ListIdsAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Runs.Select(r => r.Id).ToListAsync(cancellationToken);
    }

    private RunEnvironment? ReadEnvironment(RunRecord record)
    {
        if (record.EnvironmentJson is null)
        {
            return null;
        }

        try
        {
            // Runs stored before the folder was left out (or imported from then) drop it here.
            return JsonSerializer.Deserialize<RunEnvironment>(record.EnvironmentJson, RunJsonOptions.Compact)?.WithoutOutputFolder();
        }
        catch (JsonException ex)
        {
            // An unreadable environment must not hide the run's results.
            logger.LogWarning(ex, "Run {RunId}: stored environment is not readable", record.Id);
            return null;
        }
    }
}
