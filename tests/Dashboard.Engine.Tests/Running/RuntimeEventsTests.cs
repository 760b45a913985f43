using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Fixtures;

namespace Dashboard.Engine.Tests.Running;

/// <summary>The runtime's own events per repetition: lock contention, and pool starvation with its reason.</summary>
public sealed class RuntimeEventsTests : IDisposable
{
    private readonly RunHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Threads_TasksHoldingOneLock_ReportContentionsAndTheirWait()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Lock), RunHarness.Plan(StrategyIds.Threads, 4, 500));

        var r = Assert.Single(result.Results);
        Assert.Equal(4, r.TasksOk);
        var events = Assert.IsType<RuntimeEvents>(r.RuntimeEvents);

        // Tasks whose spans overlap are inside the lock together: all but one of them found it
        // taken. How many overlapped is the scheduler's business (a loaded machine starts the
        // threads late: once only 1 of 4 found a 100 ms hold taken), so the count follows the spans.
        var together = RunHarness.MaxOverlap(r.Spans);
        Assert.True(together >= 2, "no two tasks held or waited for the lock at once");
        Assert.True(events.Contentions >= together - 1, $"{events.Contentions} contentions with {together} tasks at the lock at once");
        Assert.True(events.ContentionWaitSeconds > 0, $"{events.ContentionWaitSeconds} s waited");
        Assert.True(r.Counters!.Sum(c => c.Contentions) >= 1, "the counter samples carry the contentions too");
    }

    [Fact]
    public async Task Sequential_OneThread_ReportsNoContention()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Lock), RunHarness.Plan(StrategyIds.Sequential, 3, 20));

        // Other tests run beside this one in the process, so its contention count is theirs too;
        // its own tasks held the lock one at a time, so none of them could contend (how long a
        // span waited is the machine's business: a GC pause under load is waiting too).
        Assert.NotNull(result.Results[0].RuntimeEvents);
        Assert.Equal(1, RunHarness.MaxOverlap(result.Results[0].Spans));
        Assert.Equal(1, _harness.Workload!.MaxRunning);
    }
}

/// <summary>Starves this process's thread pool on purpose, alone (see <see cref="StarvationCollection"/>).</summary>
[Collection(StarvationCollection.Name)]
public sealed class PoolStarvationEventsTests : IDisposable
{
    private readonly RunHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task SyncOverAsync_BlockedPoolThreads_RuntimeReportsStarvationReason6()
    {
        // Every task blocks a pool thread on a Task.Delay whose timer needs a pool thread itself.
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.Sleep), RunHarness.Plan(StrategyIds.SyncOverAsync, 48, 300));

        var r = Assert.Single(result.Results);
        Assert.Equal(48, r.TasksOk);
        var events = Assert.IsType<RuntimeEvents>(r.RuntimeEvents);
        Assert.Contains(events.Adjustments, a => a.Reason == PoolAdjustmentReason.Starvation && a.Process == Environment.ProcessId);
        Assert.True(events.Starvations >= 1);
        Assert.All(events.Adjustments, a => Assert.InRange(a.T, -0.5, r.WallSeconds + 0.5));
        Assert.Equal(6, (int)PoolAdjustmentReason.Starvation);
    }
}
