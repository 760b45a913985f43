using System.Runtime.CompilerServices;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// <see cref="SharedStoredRuns"/> on the real app and SQLite store: readers of a large finished run
/// share one read while someone holds it; a small run is read afresh; the run's own save drops it;
/// once nobody holds it, it goes.
/// </summary>
public sealed class SharedStoredRunsTests
{
    [Fact]
    public async Task FindAsync_LargeStoredRun_SharedWhileHeldDroppedOnSaveAndWhenReleased()
    {
        await using var factory = new DashboardFactory();
        var store = factory.Services.GetRequiredService<IRunStore>();
        var shared = factory.Services.GetRequiredService<SharedStoredRuns>();
        var large = RealisticRuns.Finished(41, SharedStoredRuns.SharedFrom);
        await store.SaveAsync(large, null, false, TestContext.Timeout);
        await store.SaveAsync(TestRuns.Finished(42), null, false, TestContext.Timeout);

        await ReadWhileHeldAsync(store, factory.Services.GetRequiredService<RunHistory>(), large);

        // Nobody holds a read of run 41 any more: the next collection takes it and the entry goes.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(0, shared.Count);
    }

    // Its own method, so that no read outlives it in the test's locals.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task ReadWhileHeldAsync(IRunStore store, RunHistory history, RunSummary large)
    {
        var first = await history.FindForExportAsync(large.Id, TestContext.Timeout);
        var second = await history.FindForExportAsync(large.Id, TestContext.Timeout);
        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(SharedStoredRuns.SharedFrom, first.Run.Results.Sum(r => r.Spans.Count));
        Assert.NotSame(first, await history.FindAsync(large.Id, TestContext.Timeout));
        Assert.NotSame(await history.FindForExportAsync(42, TestContext.Timeout), await history.FindForExportAsync(42, TestContext.Timeout));

        await store.SaveAsync(large with { Label = "again" }, null, false, TestContext.Timeout);
        var afterSave = await history.FindForExportAsync(large.Id, TestContext.Timeout);
        Assert.NotSame(first, afterSave);
        Assert.Equal("again", afterSave!.Run.Label);
        Assert.Same(afterSave, await history.FindForExportAsync(large.Id, TestContext.Timeout));
    }
}
