using Dashboard.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// Runs stored before span blobs (spans as rows of task_spans) stay readable after the
/// CompactSpans migration, on SQLite and on a real PostgreSQL server: the page's read, the
/// export's streamed read, and retention's byte count (an estimate from the rows).
/// </summary>
public sealed class CompactSpansMigrationTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Migrate_SqliteRunStoredAsSpanRows_ReadsBackAndCountsBytes()
    {
        var file = Path.Combine(_folder.Path, StorageOptions.SqliteFileName);
        await using (var context = new SqliteDashboardDbContext(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options))
        {
            await SeedOldRunAsync(context);
        }

        await AssertReadableAsync(new Dictionary<string, string?>());
    }

    [Fact]
    public async Task Migrate_PostgresRunStoredAsSpanRows_ReadsBackAndCountsBytes()
    {
        var database = await server.CreateDatabaseAsync("compact_" + Guid.NewGuid().ToString("N")[..8]);
        await using (var context = new PostgresDashboardDbContext(new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql(database).Options))
        {
            await SeedOldRunAsync(context);
        }

        await AssertReadableAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Dashboard"] = database,
        });
    }

    private static async Task SeedOldRunAsync(DashboardDbContext context)
    {
        await context.GetService<IMigrator>().MigrateAsync(LegacySpanRows.LastRowMigration, TestContext.Timeout);
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Timeout);
        await LegacySpanRows.InsertAsync(connection, TestRuns.Finished(1), context.Database.IsSqlite());
    }

    private async Task AssertReadableAsync(Dictionary<string, string?> settings)
    {
        var old = TestRuns.Finished(1);
        await using var host = await StorageHost.StartAsync(_folder.Path, settings);
        await host.Store.SaveAsync(TestRuns.Finished(2), null, false, TestContext.Timeout);

        var stored = await host.Store.GetAsync(1, TestContext.Timeout);
        var streamed = await host.Store.GetForExportAsync(1, TestContext.Timeout);
        var fresh = await host.Store.GetAsync(2, TestContext.Timeout);

        Assert.Equal(old.Results, stored!.Run.Results, ResultComparer.Instance);
        Assert.Equal(old.Results.SelectMany(r => r.Spans), streamed!.Run.Results.SelectMany(r => r.Spans));
        Assert.Equal(TestRuns.Finished(2).Results, fresh!.Run.Results, ResultComparer.Instance);
        await using var scope = host.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Timeout);
        var bytes = await db.StrategyResults.Where(s => s.RunId == 1).SumAsync(s => s.StoredBytes, TestContext.Timeout);
        var rows = old.Results.Sum(r => r.Spans.Count);
        // The migration's estimate: at least the span rows' bytes, never nothing.
        Assert.True(bytes >= rows * 40L, $"old run counted {bytes} bytes for {rows} span rows");
        Assert.True(await db.Runs.Where(r => r.Id == 1).Select(r => r.StoredBytes).SingleAsync(TestContext.Timeout) > 0);
        Assert.True(await db.StrategyResults.Where(s => s.RunId == 2).AllAsync(s => s.SpansBlob != null && s.BlobSpanCount == 4, TestContext.Timeout));
    }
}
