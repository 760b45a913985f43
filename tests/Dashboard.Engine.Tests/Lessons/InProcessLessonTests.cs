using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Fixtures;
using Dashboard.Engine.Tests.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Lessons;

/// <summary>
/// The in-process lessons run for real (hello's waits on real threads, the runtime's own events)
/// and their named warning fires; the healthy strategy on the same plan stays silent. They run
/// alone (the starvation collection): a lesson's lock waits or starved pool would be counted in
/// a neighbour's window, and theirs in the lesson's.
/// </summary>
[Collection(StarvationCollection.Name)]
public sealed class InProcessLessonTests(SimTargetsFixture sim) : IDisposable
{
    private readonly RunHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private async Task<IReadOnlyList<Finding>> FindingsAsync(HelloParameters hello, params string[] strategies)
    {
        var runner = new LabRunner(new LabRunnerOptions { GracePeriod = TimeSpan.FromMilliseconds(500), BackgroundPriority = false });
        var plan = new RunPlan(hello, strategies);
        var (_, result) = await RunHarness.CompleteAsync(runner.Start(plan, sim.Environment(_harness.OutputDirectory), CancellationToken.None));
        Assert.All(result.Results, r => Assert.Equal((r.Strategy, hello.Tasks, "ok"), (r.Strategy, r.TasksOk, r.OutputCheck)));
        return FindingCatalog.Run(FindingInput.Create(hello, plan.Options ?? new StrategyOptions(), Environment.ProcessorCount, result.Results, hello.DelayMs / 1000.0));
    }

    [Fact]
    public async Task LockInLoop_SixWaitsOf300Ms_LockContentionFiresOnItAlone()
    {
        // Six tasks take turns on one lock: the waits sum to about 0.3 x (1 + 2 + ... + 5) = 4.5 s
        // against a wall of about 1.8 s (250 %); the finding needs 10 %, and load stretches both alike.
        var findings = await FindingsAsync(new HelloParameters(Tasks: 6, DelayMs: 300), StrategyIds.Threads, StrategyIds.LockInLoop);

        Assert.DoesNotContain(findings, f => f.Strategy == StrategyIds.Threads && f.Id == FindingIds.LockContention);
        var contention = Assert.Single(findings, f => f.Id == FindingIds.LockContention);
        Assert.Equal(StrategyIds.LockInLoop, contention.Strategy);
        Assert.True(contention.Figures["contentions"] >= 5, $"{contention.Figures["contentions"]} contentions");
        Assert.True(contention.Figures["waitShareOfWall"] > 1, $"lock waits were {contention.Figures["waitShareOfWall"]:P0} of the wall");
    }

    [Fact]
    public async Task StarvedPool_SixtyFourBlockingTasks_PoolStarvationFiresOnItAlone()
    {
        // Idle pool threads left by earlier tests retire after about 20 s; until then they would
        // take blocked tasks without starving. Wait (generously) for a pool far below the plan.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (ThreadPool.ThreadCount > 16 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.True(ThreadPool.ThreadCount <= 16, $"the pool kept {ThreadPool.ThreadCount} threads");

        // 64 tasks each block a pool thread for 1 s; the pool starts from at most 16 threads and adds
        // them one at a time, reporting starvation as it does (how often depends on the machine's load; once is the symptom).
        var findings = await FindingsAsync(new HelloParameters(Tasks: 64, DelayMs: 1_000), StrategyIds.Threads, StrategyIds.StarvedPool);

        Assert.DoesNotContain(findings, f => f.Strategy == StrategyIds.Threads && f.Id == FindingIds.PoolStarvation);
        var starvation = Assert.Single(findings, f => f.Id == FindingIds.PoolStarvation);
        Assert.Equal(StrategyIds.StarvedPool, starvation.Strategy);
        Assert.True(starvation.Figures["starvationAdjustments"] >= 1, $"{starvation.Figures["starvationAdjustments"]} starvation adjustments");
    }
}
