using Dashboard.Engine.Strategies;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// The store on a real PostgreSQL server (its own migrations, binary COPY for spans). Runs where
/// the PostgreSQL server binaries are installed; elsewhere the fixture fails, and so do these tests.
/// </summary>
public sealed class PostgresRunStoreTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PostgresStore_SaveRestartListDelete_BehavesLikeSqlite()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:MaxRuns"] = "3",
            ["Storage:MaxEventsPerRun"] = "5000",
            ["ConnectionStrings:Dashboard"] = server.ConnectionString,
        };
        var big = TestRuns.Finished(1, TestRuns.HelloPlan(tasks: 10_000, repeat: 1, StrategyIds.Async) with { Warmup = 0 });
        await using (var first = await StorageHost.StartAsync(_folder.Path, settings))
        {
            await first.Store.SaveAsync(big, null, false, TestContext.Timeout);
            await first.Store.SaveAsync(TestRuns.Finished(2), null, false, TestContext.Timeout);
            await first.Store.SaveAsync(TestRuns.Pending(3, RunState.Running), null, false, TestContext.Timeout);
        }

        await using var second = await StorageHost.StartAsync(_folder.Path, settings);
        var stored = await second.Store.GetAsync(1, TestContext.Timeout);
        Assert.NotNull(stored);
        Assert.Equal(big.CreatedAt, stored.Run.CreatedAt);
        Assert.True(stored.EventsSampled);
        Assert.Equal((5_000, 10_000), (stored.StoredEventCount, stored.TotalEventCount));
        Assert.Equal(big.Results[0] with { Spans = [] }, stored.Run.Results[0] with { Spans = [] });
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => i * 2), stored.Run.Results[0].Spans.Select(s => s.Task));
        Assert.Equal(big.Results[0].Spans[2], stored.Run.Results[0].Spans[1]);
        var interrupted = (await second.Store.GetAsync(3, TestContext.Timeout))!.Run;
        Assert.Equal(RunState.Interrupted, interrupted.State);
        Assert.Equal(RunLifecycle.AppStoppedMessage, interrupted.Error);

        for (var id = 4; id <= 5; id++)
        {
            await second.Store.SaveAsync(TestRuns.Finished(id), null, false, TestContext.Timeout);
        }

        var page = await second.Store.ListAsync(RunFilter.All, 0, 10, TestContext.Timeout);
        Assert.Equal([5L, 4L, 3L], page.Items.Select(r => r.Id));
        Assert.Equal(1.05, page.Items[0].MedianWallSeconds["sequential"], 9);
        Assert.True(await second.Store.DeleteAsync(5, TestContext.Timeout));
        Assert.Null(await second.Store.GetAsync(5, TestContext.Timeout));
        Assert.Equal(5, await second.Store.GetMaxIdAsync(TestContext.Timeout) + 1);
    }

    [Fact]
    public async Task PostgresStore_RepetitionsAppendedThenRestartAndImports_KeepsRepetitionsAndLocalRuns()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:MaxRuns"] = "2",
            ["Storage:MaxImportedRuns"] = "1",
            ["ConnectionStrings:Dashboard"] = await CreateDatabaseAsync("durable"),
        };
        var finished = TestRuns.Finished(1);
        await using (var first = await StorageHost.StartAsync(_folder.Path, settings))
        {
            await first.Store.SaveStateAsync(TestRuns.Pending(1, RunState.Running), TestContext.Timeout);
            await first.Store.AppendResultAsync(finished with { State = RunState.Running, Results = [.. finished.Results.Take(1)] }, 0, TestContext.Timeout);
            await first.Store.AppendResultAsync(finished with { State = RunState.Running, Results = [.. finished.Results.Take(2)] }, 1, TestContext.Timeout);
        }

        await using var second = await StorageHost.StartAsync(_folder.Path, settings);
        var interrupted = await second.Store.GetAsync(1, TestContext.Timeout);
        Assert.Equal(RunState.Interrupted, interrupted!.Run.State);
        Assert.Equal(finished.Results.Take(2), interrupted.Run.Results, ResultComparer.Instance);
        Assert.Equal((8, 8), (interrupted.StoredEventCount, interrupted.TotalEventCount));

        await second.Store.SaveAsync(TestRuns.Finished(2), null, false, TestContext.Timeout);
        for (var id = 3; id <= 5; id++)
        {
            await second.Store.SaveAsync(TestRuns.Finished(id), null, imported: true, TestContext.Timeout);
        }

        var page = await second.Store.ListAsync(RunFilter.All, 0, 10, TestContext.Timeout);
        Assert.Equal([5L, 2L, 1L], page.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task PostgresStore_FirstStartOnEmptyDatabase_LogsNoError()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Dashboard"] = await CreateDatabaseAsync("empty"),
        };
        using var logs = new CapturedLogs();
        await using (var host = await StorageHost.StartAsync(_folder.Path, settings, logs))
        {
            await host.Store.SaveAsync(TestRuns.Finished(1), null, false, TestContext.Timeout);
        }

        // The start succeeded, so an Error line would send whoever reads the log after a fault
        // that is not there.
        Assert.Empty(logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category} {e.EventId}: {e.Message}"));
    }

    [Fact]
    public async Task PostgresStore_RestartWithRunInEveryState_SweepsOnlyWhatRunLifecycleLetsTheAppStopEnd()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Dashboard"] = await CreateDatabaseAsync("sweep"),
        };

        await StartUpSweep.SeedRestartAndCheckAsync(_folder.Path, settings);
    }

    private async Task<string> CreateDatabaseAsync(string name)
    {
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false };
        var admin = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }
}
