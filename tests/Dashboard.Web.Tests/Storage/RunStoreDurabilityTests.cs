using Dashboard.Engine.Strategies;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;

namespace Dashboard.Web.Tests.Storage;

/// <summary>Runs stored repetition by repetition, retention of imports, and runs' output folders.</summary>
public sealed class RunStoreDurabilityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string DatabaseFile => Path.Combine(_folder.Path, StorageOptions.SqliteFileName);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AppendResultAsync_RepetitionsOneByOne_RowsAppendedAndEndAppendsOnlyTheRest()
    {
        var finished = TestRuns.Finished(1);
        await using var host = await StorageHost.StartAsync(_folder.Path);
        await host.Store.SaveStateAsync(TestRuns.Pending(1, RunState.Running), TestContext.Timeout);

        await host.Store.AppendResultAsync(Going(finished, 1), 0, TestContext.Timeout);
        await host.Store.AppendResultAsync(Going(finished, 2), 1, TestContext.Timeout);
        var firstIds = Query("SELECT id FROM strategy_results ORDER BY ordinal");
        var going = await host.Store.GetAsync(1, TestContext.Timeout);

        Assert.Equal(RunState.Running, going!.Run.State);
        Assert.Equal(finished.Results.Take(2), going.Run.Results, ResultComparer.Instance);
        Assert.Equal((8, 8), (going.StoredEventCount, going.TotalEventCount));

        await host.Store.SaveAsync(finished, null, false, TestContext.Timeout);

        var stored = await host.Store.GetAsync(1, TestContext.Timeout);
        Assert.Equal(RunState.Completed, stored!.Run.State);
        Assert.Equal(finished.Results, stored.Run.Results, ResultComparer.Instance);
        Assert.Equal((24, 24), (stored.StoredEventCount, stored.TotalEventCount));
        // The first two rows were never rewritten: same ids, and no span twice.
        Assert.Equal(firstIds, Query("SELECT id FROM strategy_results ORDER BY ordinal").Take(2));
        Assert.Equal("24", Query("SELECT coalesce(sum(blob_span_count), 0) FROM strategy_results").Single());
    }

    [Fact]
    public async Task AppendResultAsync_SameRepetitionTwiceOrAfterTheEnd_NothingAdded()
    {
        var finished = TestRuns.Finished(1);
        await using var host = await StorageHost.StartAsync(_folder.Path);
        await host.Store.AppendResultAsync(Going(finished, 1), 0, TestContext.Timeout);
        await host.Store.AppendResultAsync(Going(finished, 1), 0, TestContext.Timeout);
        await host.Store.SaveAsync(finished, null, false, TestContext.Timeout);

        var late = await host.Store.AppendResultAsync(Going(finished, 3), 2, TestContext.Timeout);

        Assert.False(late);
        Assert.Equal("6", Query("SELECT count(*) FROM strategy_results").Single());
        Assert.Equal("24", Query("SELECT coalesce(sum(blob_span_count), 0) FROM strategy_results").Single());
        Assert.Equal(RunState.Completed, (await host.Store.GetAsync(1, TestContext.Timeout))!.Run.State);
    }

    [Fact]
    public async Task Restart_AfterRepetitionsOfAGoingRun_InterruptedWithThoseRepetitions()
    {
        var finished = TestRuns.Finished(5);
        await using (var first = await StorageHost.StartAsync(_folder.Path))
        {
            await first.Store.SaveStateAsync(TestRuns.Pending(5, RunState.Running), TestContext.Timeout);
            await first.Store.AppendResultAsync(Going(finished, 3), 2, TestContext.Timeout);
        }

        await using var second = await StorageHost.StartAsync(_folder.Path);

        var run = await second.Store.GetAsync(5, TestContext.Timeout);
        Assert.Equal(RunState.Interrupted, run!.Run.State);
        Assert.Equal(finished.Results.Take(3), run.Run.Results, ResultComparer.Instance);
        Assert.Equal(12, run.StoredEventCount);
    }

    [Fact]
    public async Task AppendResultAsync_MoreSpansThanCap_EachRepetitionKeepsItsShareAndIsFlagged()
    {
        var settings = new Dictionary<string, string?> { ["Storage:MaxEventsPerRun"] = "100" };
        // 1 strategy x (1 warmup + 1 repetition) of 150 spans: each repetition gets 50 of the 100.
        var finished = TestRuns.Finished(2, TestRuns.HelloPlan(tasks: 150, repeat: 1, StrategyIds.Sequential));
        await using var host = await StorageHost.StartAsync(_folder.Path, settings);

        await host.Store.AppendResultAsync(Going(finished, 1), 0, TestContext.Timeout);
        await host.Store.SaveAsync(finished, null, false, TestContext.Timeout);

        var stored = await host.Store.GetAsync(2, TestContext.Timeout);
        Assert.True(stored!.EventsSampled);
        Assert.Equal((100, 300), (stored.StoredEventCount, stored.TotalEventCount));
        Assert.Equal([50, 50], stored.Run.Results.Select(r => r.Spans.Count));
    }

    [Fact]
    public async Task SaveAsync_ManyImports_LocalRunsKeptAndImportsHaveTheirOwnLimit()
    {
        var settings = new Dictionary<string, string?> { ["Storage:MaxRuns"] = "3", ["Storage:MaxImportedRuns"] = "2" };
        await using var host = await StorageHost.StartAsync(_folder.Path, settings);
        for (var id = 1; id <= 3; id++)
        {
            await host.Store.SaveAsync(TestRuns.Finished(id), null, false, TestContext.Timeout);
        }

        for (var id = 4; id <= 10; id++)
        {
            await host.Store.SaveAsync(TestRuns.Finished(id), null, imported: true, TestContext.Timeout);
        }

        var page = await host.Store.ListAsync(RunFilter.All, 0, 20, TestContext.Timeout);
        Assert.Equal([10L, 9L, 3L, 2L, 1L], page.Items.Select(r => r.Id));
        Assert.Equal([true, true, false, false, false], page.Items.Select(r => r.Imported));
    }

    [Fact]
    public async Task DeleteAsync_RunWithOutputFolder_FolderRemoved()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path);
        await host.Store.SaveAsync(TestRuns.Finished(1), null, false, TestContext.Timeout);
        var folder = WriteOutputFolder(1, files: 50);
        var other = WriteOutputFolder(2, files: 1);

        Assert.True(await host.Store.DeleteAsync(1, TestContext.Timeout));

        Assert.False(Directory.Exists(folder));
        Assert.True(Directory.Exists(other));
    }

    [Fact]
    public async Task SaveAsync_BeyondMaxRuns_EvictedRunsFolderRemoved()
    {
        var settings = new Dictionary<string, string?> { ["Storage:MaxRuns"] = "1" };
        await using var host = await StorageHost.StartAsync(_folder.Path, settings);
        await host.Store.SaveAsync(TestRuns.Finished(1), null, false, TestContext.Timeout);
        var evicted = WriteOutputFolder(1, files: 3);
        var kept = WriteOutputFolder(2, files: 3);

        await host.Store.SaveAsync(TestRuns.Finished(2), null, false, TestContext.Timeout);

        Assert.Null(await host.Store.GetAsync(1, TestContext.Timeout));
        Assert.False(Directory.Exists(evicted));
        Assert.True(Directory.Exists(kept));
    }

    [Fact]
    public async Task Restart_MaxRunsLoweredWhileDown_OldestRunsAndTheirFoldersRemovedAtStart()
    {
        await using (var first = await StorageHost.StartAsync(_folder.Path))
        {
            for (var id = 1; id <= 3; id++)
            {
                await first.Store.SaveAsync(TestRuns.Finished(id), null, false, TestContext.Timeout);
                WriteOutputFolder(id, files: 2);
            }
        }

        await using var second = await StorageHost.StartAsync(_folder.Path, new Dictionary<string, string?> { ["Storage:MaxRuns"] = "1" });

        Assert.Equal([3L], await second.Store.ListIdsAsync(TestContext.Timeout));
        Assert.False(Directory.Exists(new DataFolder(_folder.Path).RunOutput(1)));
        Assert.True(Directory.Exists(new DataFolder(_folder.Path).RunOutput(3)));
    }

    /// <summary>The run as the live summary has it after <paramref name="count"/> repetitions.</summary>
    private static RunSummary Going(RunSummary finished, int count) => finished with
    {
        State = RunState.Running,
        EndedAt = null,
        Error = null,
        Results = [.. finished.Results.Take(count)],
    };

    private string WriteOutputFolder(long id, int files)
    {
        var folder = new DataFolder(_folder.Path).RunOutput(id);
        Directory.CreateDirectory(folder);
        for (var i = 0; i < files; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"new_file{i}.txt"), "x");
        }

        return folder;
    }

    private List<string> Query(string sql) => SqliteRows.FirstColumn(DatabaseFile, sql);
}
