using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Storage;

public sealed class RunStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly RunEnvironment TestEnvironment = new(
        "Debian GNU/Linux 13", ".NET 10.0.1", 2, "Test CPU @ 2.0GHz", "workstation, concurrent", false, true,
        RunEnvironment.ManagedEngine, "http://127.0.0.1:5000/sim/",
        new Dictionary<string, string> { ["genreLatencyMs"] = "100" });

    private string DatabaseFile => Path.Combine(_folder.Path, StorageOptions.SqliteFileName);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Start_EmptyFolder_CreatesDatabaseFileWithMigratedSchema()
    {
        await using (var host = await StorageHost.StartAsync(_folder.Path))
        {
            Assert.True(File.Exists(DatabaseFile));
        }

        var tables = Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        Assert.Contains("runs", tables);
        Assert.Contains("strategy_results", tables);
        Assert.Contains("task_spans", tables);
        var migrations = Query("SELECT MigrationId FROM __EFMigrationsHistory");
        Assert.Single(migrations, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        var indexes = Query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task_spans'");
        Assert.Contains("IX_task_spans_strategy_result_id", indexes);
    }

    [Fact]
    public async Task SaveAsync_CalibrationMeasuredByTheRun_TheReopenedRunShowsItsLength()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        await host.Store.SaveAsync(TestRuns.Finished(8), TestEnvironment with { CalibrationSeconds = 6.72 }, false, TestContext.Timeout);
        await host.Store.SaveAsync(TestRuns.Finished(9), TestEnvironment, false, TestContext.Timeout);

        var measured = await host.Store.GetAsync(8, TestContext.Timeout);
        var cached = await host.Store.GetAsync(9, TestContext.Timeout);

        Assert.Equal(6.72, measured!.Run.CalibrationSeconds);
        Assert.Equal(6.72, measured.Environment!.CalibrationSeconds);
        Assert.Null(cached!.Run.CalibrationSeconds);
    }

    [Fact]
    public async Task SaveAsync_FinishedRun_GetAsyncReturnsEveryField()
    {
        var run = TestRuns.Finished(7, label: "baseline");
        await using var host = await StorageHost.StartAsync(_folder.Path);

        await host.Store.SaveAsync(run, TestEnvironment, false, TestContext.Timeout);
        var stored = await host.Store.GetAsync(7, TestContext.Timeout);

        Assert.NotNull(stored);
        var back = stored.Run;
        Assert.Equal("baseline", back.Label);
        Assert.Equal(RunState.Completed, back.State);
        Assert.Equal(run.CreatedAt, back.CreatedAt);
        Assert.Equal(run.StartedAt, back.StartedAt);
        Assert.Equal(run.EndedAt, back.EndedAt);
        Assert.Equal(new HelloParameters(4, "Ada", 10), back.Plan.Parameters);
        Assert.Equal(run.Plan.Strategies, back.Plan.Strategies);
        Assert.Equal((2, 1), (back.Plan.Repeat, back.Plan.Warmup));
        Assert.Equal(new StrategyOptions(AsyncCap: 8), back.Plan.Options);
        Assert.NotNull(stored.Environment);
        Assert.Equal(TestEnvironment with { Knobs = stored.Environment.Knobs }, stored.Environment);
        Assert.Equal(TestEnvironment.Knobs, stored.Environment.Knobs);
        Assert.False(stored.EventsSampled);
        Assert.Equal((24, 24), (stored.StoredEventCount, stored.TotalEventCount));
        Assert.Equal(run.Results.Count, back.Results.Count);
        for (var i = 0; i < run.Results.Count; i++)
        {
            var expected = run.Results[i];
            var actual = back.Results[i];
            Assert.Equal(expected with { Spans = [] }, actual with { Spans = [] });
            Assert.Equal(expected.Spans, actual.Spans);
        }
    }

    [Fact]
    public async Task SaveAsync_SameRunTwice_ReplacesResultsAndSpans()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        await host.Store.SaveAsync(TestRuns.Pending(3, RunState.Running), null, false, TestContext.Timeout);
        var finished = TestRuns.Finished(3, TestRuns.HelloPlan(tasks: 5, repeat: 1, StrategyIds.Threads));

        await host.Store.SaveAsync(finished, null, false, TestContext.Timeout);
        await host.Store.SaveAsync(finished, null, false, TestContext.Timeout);

        var stored = await host.Store.GetAsync(3, TestContext.Timeout);
        Assert.NotNull(stored);
        Assert.Equal(RunState.Completed, stored.Run.State);
        Assert.Equal(2, stored.Run.Results.Count);
        Assert.Equal("10", Query("SELECT coalesce(sum(blob_span_count), 0) FROM strategy_results").Single());
    }

    [Fact]
    public async Task SaveAsync_QueuedAfterFinished_KeepsFinishedRun()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        await host.Store.SaveAsync(TestRuns.Finished(4), null, false, TestContext.Timeout);

        var written = await host.Store.SaveAsync(TestRuns.Pending(4, RunState.Queued), null, false, TestContext.Timeout);

        Assert.False(written);
        var stored = await host.Store.GetAsync(4, TestContext.Timeout);
        Assert.Equal(RunState.Completed, stored!.Run.State);
        Assert.Equal(6, stored.Run.Results.Count);
    }

    [Fact]
    public async Task SaveAsync_QueuedAndFinishedRaceForNewRuns_FinishedAlwaysWins()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);

        // The queued-run record and the completion write of one run arrive at the same moment.
        await Task.WhenAll(Enumerable.Range(1, 10).SelectMany(id => new[]
        {
            Task.Run(() => host.Store.SaveAsync(TestRuns.Pending(id, RunState.Queued), null, false, TestContext.Timeout)),
            Task.Run(() => host.Store.SaveAsync(TestRuns.Finished(id), null, false, TestContext.Timeout)),
        }));

        var page = await host.Store.ListAsync(RunFilter.All, 0, 20, TestContext.Timeout);
        Assert.Equal(10, page.Total);
        Assert.All(page.Items, r => Assert.Equal(RunState.Completed, r.State));
    }

    [Fact]
    public async Task SaveAsync_MoreRunsThanMaxRuns_DeletesOldestWithTheirSpans()
    {
        var settings = new Dictionary<string, string?> { ["Storage:MaxRuns"] = "3" };
        await using var host = await StorageHost.StartAsync(_folder.Path, settings);

        for (var id = 1; id <= 5; id++)
        {
            await host.Store.SaveAsync(TestRuns.Finished(id), null, false, TestContext.Timeout);
        }

        var page = await host.Store.ListAsync(RunFilter.All, 0, 10, TestContext.Timeout);
        Assert.Equal([5L, 4L, 3L], page.Items.Select(r => r.Id));
        Assert.Equal(3, page.Total);
        Assert.Null(await host.Store.GetAsync(1, TestContext.Timeout));
        // 3 runs x 6 repetitions x 4 tasks: nothing of runs 1 and 2 is left behind.
        Assert.Equal("72", Query("SELECT coalesce(sum(blob_span_count), 0) FROM strategy_results").Single());
        Assert.Equal("18", Query("SELECT count(*) FROM strategy_results").Single());
    }

    [Fact]
    public async Task SaveAsync_MoreSpansThanCap_StoresEvenSampleFlaggedAndExactResults()
    {
        var settings = new Dictionary<string, string?> { ["Storage:MaxEventsPerRun"] = "100" };
        var plan = TestRuns.HelloPlan(tasks: 150, repeat: 1, StrategyIds.Sequential);
        // 2 repetitions (warmup + 1) of 150 spans and one of 100 spans on another strategy: 400 in all.
        var run = TestRuns.Finished(9, plan) is var r
            ? r with { Results = [.. r.Results, TestRuns.Result(StrategyIds.Async, 0, 100, 0.25)] }
            : throw new InvalidOperationException();
        await using var host = await StorageHost.StartAsync(_folder.Path, settings);

        await host.Store.SaveAsync(run, null, false, TestContext.Timeout);

        var stored = await host.Store.GetAsync(9, TestContext.Timeout);
        Assert.NotNull(stored);
        Assert.True(stored.EventsSampled);
        Assert.Equal((100, 400), (stored.StoredEventCount, stored.TotalEventCount));
        Assert.Equal([38, 37, 25], stored.Run.Results.Select(x => x.Spans.Count));
        for (var i = 0; i < run.Results.Count; i++)
        {
            // Every measured figure is the exact one; only the span list is thinned.
            Assert.Equal(run.Results[i] with { Spans = [] }, stored.Run.Results[i] with { Spans = [] });
        }

        var kept = stored.Run.Results[2].Spans;
        Assert.Equal(Enumerable.Range(0, 25).Select(j => j * 4), kept.Select(s => s.Task));
        var list = await host.Store.ListAsync(RunFilter.All, 0, 1, TestContext.Timeout);
        Assert.True(list.Items.Single().EventsSampled);
    }

    [Fact]
    public async Task Restart_SameFolder_KeepsFinishedRunsAndMarksUnfinishedInterrupted()
    {
        await using (var first = await StorageHost.StartAsync(_folder.Path))
        {
            await first.Store.SaveAsync(TestRuns.Finished(1), null, false, TestContext.Timeout);
            await first.Store.SaveAsync(TestRuns.Pending(2, RunState.Running), null, false, TestContext.Timeout);
            await first.Store.SaveAsync(TestRuns.Pending(3, RunState.Queued), null, false, TestContext.Timeout);
            Assert.Equal(RunState.Running, (await first.Store.GetAsync(2, TestContext.Timeout))!.Run.State);
        }

        await using var second = await StorageHost.StartAsync(_folder.Path);

        var finished = await second.Store.GetAsync(1, TestContext.Timeout);
        Assert.NotNull(finished);
        Assert.Equal(RunState.Completed, finished.Run.State);
        Assert.Equal(24, finished.Run.Results.Sum(r => r.Spans.Count));
        foreach (var id in new[] { 2L, 3L })
        {
            var run = (await second.Store.GetAsync(id, TestContext.Timeout))!.Run;
            Assert.Equal(RunState.Interrupted, run.State);
            Assert.NotNull(run.EndedAt);
            Assert.Equal(RunLifecycle.AppStoppedMessage, run.Error);
        }

        Assert.Equal(3, await second.Store.GetMaxIdAsync(TestContext.Timeout));
    }

    [Fact]
    public async Task Restart_RunInEveryState_SweepsOnlyWhatRunLifecycleLetsTheAppStopEnd() =>
        await StartUpSweep.SeedRestartAndCheckAsync(_folder.Path);

    [Fact]
    public async Task ListAsync_FilterAndPaging_NewestFirstWithMedians()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        for (var id = 1; id <= 6; id++)
        {
            var plan = id % 2 == 0 ? TestRuns.HelloPlan() : TestRuns.HelloPlan() with { Parameters = new GenreParameters(3) };
            await host.Store.SaveAsync(TestRuns.Finished(id, plan, id == 6 ? RunState.Failed : RunState.Completed), null, false, TestContext.Timeout);
        }

        var hello = await host.Store.ListAsync(new RunFilter(Workload: "hello"), 0, 2, TestContext.Timeout);
        var helloNext = await host.Store.ListAsync(new RunFilter(Workload: "hello"), 2, 2, TestContext.Timeout);
        var failed = await host.Store.ListAsync(new RunFilter(State: RunState.Failed), 0, 10, TestContext.Timeout);
        var none = await host.Store.ListAsync(new RunFilter("genre", RunState.Failed), 0, 10, TestContext.Timeout);

        Assert.Equal([6L, 4L], hello.Items.Select(r => r.Id));
        Assert.Equal([2L], helloNext.Items.Select(r => r.Id));
        Assert.Equal(3, hello.Total);
        Assert.Equal([6L], failed.Items.Select(r => r.Id));
        Assert.Empty(none.Items);
        var item = hello.Items[1];
        Assert.Equal(["sequential", "async"], item.Strategies);
        Assert.Equal(4, item.TaskCount);
        // Measured repetitions 0 and 1 (warmup excluded): sequential 1.0 and 1.1, async 2.0 and 2.1.
        Assert.Equal(1.05, item.MedianWallSeconds["sequential"], 9);
        Assert.Equal(2.05, item.MedianWallSeconds["async"], 9);
        Assert.Equal(["sequential", "async"], item.MedianWallSeconds.Keys);
    }

    [Fact]
    public async Task DeleteAsync_StoredRun_RemovesRunResultsAndSpans()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        await host.Store.SaveAsync(TestRuns.Finished(1), null, false, TestContext.Timeout);
        await host.Store.SaveAsync(TestRuns.Finished(2), null, false, TestContext.Timeout);

        Assert.True(await host.Store.DeleteAsync(1, TestContext.Timeout));
        Assert.False(await host.Store.DeleteAsync(1, TestContext.Timeout));

        Assert.Null(await host.Store.GetAsync(1, TestContext.Timeout));
        Assert.NotNull(await host.Store.GetAsync(2, TestContext.Timeout));
        Assert.Equal("24", Query("SELECT coalesce(sum(blob_span_count), 0) FROM strategy_results").Single());
    }

    [Fact]
    public async Task SaveAsync_SpanInsertFails_NothingOfTheRunIsWritten()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        await host.Store.SaveAsync(TestRuns.Finished(1, TestRuns.HelloPlan(tasks: 2)), null, false, TestContext.Timeout);
        // A real SQLite failure part-way through the results (each with its span blob) of the next save.
        Execute("CREATE TRIGGER refuse_ordinal_3 BEFORE INSERT ON strategy_results WHEN NEW.ordinal = 3 BEGIN SELECT RAISE(ABORT, 'refused'); END;");

        // EF writes the results (and their blobs): it wraps SQLite's refusal.
        Assert.IsType<SqliteException>((await Assert.ThrowsAsync<DbUpdateException>(() => host.Store.SaveAsync(TestRuns.Finished(2), null, false, TestContext.Timeout))).InnerException);
        Assert.IsType<SqliteException>((await Assert.ThrowsAsync<DbUpdateException>(() => host.Store.SaveAsync(TestRuns.Finished(1), null, false, TestContext.Timeout))).InnerException);

        Assert.Null(await host.Store.GetAsync(2, TestContext.Timeout));
        var first = await host.Store.GetAsync(1, TestContext.Timeout);
        Assert.NotNull(first);
        Assert.Equal(12, first.Run.Results.Sum(r => r.Spans.Count));
        Assert.Equal("1", Query("SELECT count(*) FROM runs").Single());
        Assert.Equal("6", Query("SELECT count(*) FROM strategy_results").Single());
    }

    [Fact]
    public async Task SaveAsync_LongErrorAndDetail_StoredTruncatedToColumnLimits()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        var run = TestRuns.Finished(1, TestRuns.HelloPlan(tasks: 1, repeat: 1, StrategyIds.Sequential), RunState.Failed);
        var longResult = run.Results[^1] with
        {
            Spans = [new TaskSpan(0, new Lane(1, 1), 0, 1, TaskStatus.Failed, new string('x', 5_000))],
        };
        run = run with { Error = new string('e', 10_000), Results = [longResult] };

        await host.Store.SaveAsync(run, null, false, TestContext.Timeout);

        var stored = (await host.Store.GetAsync(1, TestContext.Timeout))!.Run;
        Assert.Equal(4_000, stored.Error!.Length);
        Assert.Equal(1_000, stored.Results.Single().Spans.Single().Detail!.Length);
    }

    private List<string> Query(string sql) => SqliteRows.FirstColumn(DatabaseFile, sql);

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
