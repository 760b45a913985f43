using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using static Dashboard.Engine.Tests.Findings.CraftedRuns;

namespace Dashboard.Engine.Tests.Findings;

/// <summary>The findings read from the runtime's own events: each fires on a crafted run and stays silent on its healthy twin.</summary>
public sealed class RuntimeEventFinderTests
{
    private static RuntimeEvents Events(long contentions = 0, double waitSeconds = 0, params PoolAdjustment[] adjustments) =>
        new(adjustments, contentions, waitSeconds);

    [Fact]
    public void PoolStarvation_RuntimeAddedThreadsForStarvation_FiresWithCountFirstTimeAndPeak()
    {
        var blocked = Result(StrategyIds.SyncOverAsync, 2.2, 0.3, AllAtOnce(200, 0.1)) with
        {
            RuntimeEvents = Events(adjustments:
            [
                new(0.0, Pid, 2, PoolAdjustmentReason.Warmup),
                new(0.52, Pid, 3, PoolAdjustmentReason.Starvation),
                new(1.01, Pid, 4, PoolAdjustmentReason.Starvation),
                new(1.5, Pid, 5, PoolAdjustmentReason.Starvation),
            ]),
        };

        var finding = Assert.Single(Run(new PoolStarvationFinder(), new GenreParameters(200), blocked));

        Assert.Equal((FindingIds.PoolStarvation, StrategyIds.SyncOverAsync, "dotnet"), (finding.Id, finding.Strategy, finding.Runtime));
        Assert.Equal(3, finding.Figures["starvationAdjustments"]);
        Assert.Equal(5, finding.Figures["poolThreadsPeak"]);
        Assert.Equal("The runtime added pool threads 3 times because of starvation (first at 0.520 s, up to 5 threads): queued work was waiting for a free pool thread.",
            finding.Text);
    }

    [Fact]
    public void PoolStarvation_AdjustmentsForOtherReasons_OrNoEvents_Silent()
    {
        var climbing = Result(StrategyIds.ThreadPool, 1.0, 0.9, AllAtOnce(8, 0.5)) with
        {
            RuntimeEvents = Events(adjustments: [new(0.1, Pid, 3, PoolAdjustmentReason.ClimbingMove), new(0.6, Pid, 4, PoolAdjustmentReason.ClimbingMove)]),
        };
        var unmeasured = Result(StrategyIds.Async, 0.11, 0.05, AllAtOnce(8, 0.1));

        Assert.Empty(Run(new PoolStarvationFinder(), new GenreParameters(8), climbing, unmeasured));
    }

    [Fact]
    public void PoolStarvation_DuringStrategiesWhoseTasksHaveThreadsOfTheirOwn_Silent()
    {
        // The same starvation events as a blocked pool's, while tasks ran on threads of their own
        // (one thread, a thread each, threads on a lock): the lab or the load starved the pool, not them.
        RuntimeEvents Starved() => Events(adjustments: [new(0.52, Pid, 3, PoolAdjustmentReason.Starvation), new(1.01, Pid, 4, PoolAdjustmentReason.Starvation)]);
        var sequential = Result(StrategyIds.Sequential, 2.2, 0.3, AllAtOnce(8, 0.1)) with { RuntimeEvents = Starved() };
        var threads = Result(StrategyIds.Threads, 1.1, 0.3, AllAtOnce(8, 1.0)) with { RuntimeEvents = Starved() };
        var locked = Result(StrategyIds.LockInLoop, 2.0, 0.3, AllAtOnce(8, 1.9)) with { RuntimeEvents = Starved() };
        var pool = Result(StrategyIds.ThreadPool, 1.5, 0.3, AllAtOnce(8, 1.4)) with { RuntimeEvents = Starved() };

        var finding = Assert.Single(Run(new PoolStarvationFinder(), new GenreParameters(8), sequential, threads, locked, pool));

        Assert.Equal(StrategyIds.ThreadPool, finding.Strategy);
    }

    [Fact]
    public void LockContention_WaitsOverATenthOfTheWall_FiresWithTheShare()
    {
        var scrape = Result(StrategyIds.Threads, 2.0, 0.8, AllAtOnce(100, 1.9)) with { RuntimeEvents = Events(contentions: 340, waitSeconds: 0.5) };

        var finding = Assert.Single(Run(new LockContentionFinder(), new ScrapeParameters(100), scrape));

        Assert.Equal((FindingIds.LockContention, StrategyIds.Threads), (finding.Id, finding.Strategy));
        Assert.Equal(0.25, finding.Figures["waitShareOfWall"]);
        Assert.Equal("Threads waited 0.500 s for locks held by others (340 waits), 25% of its 2.00 s wall (summed over threads).", finding.Text);
    }

    [Theory]
    [InlineData(340, 0.19)] // 9.5 % of the wall
    [InlineData(0, 0.0)]
    public void LockContention_ShortWaits_OrNone_Silent(long contentions, double waitSeconds)
    {
        var scrape = Result(StrategyIds.Threads, 2.0, 0.8, AllAtOnce(100, 1.9)) with { RuntimeEvents = Events(contentions, waitSeconds) };

        Assert.Empty(Run(new LockContentionFinder(), new ScrapeParameters(100), scrape));
    }

    [Fact]
    public void BlockingGrain_LongTurnsOverHalfTheTasksTime_FiresWithCountsAndTheAwaitingCluster()
    {
        // 16 tasks of 0.5 s, each blocking its grain's turn for all of it; the cluster awaited them in 0.6 s.
        var blocking = Result(StrategyIds.BlockingGrain, 4.1, 0.2, AllAtOnce(16, 0.5)) with
        {
            RuntimeEvents = Events() with { LongTurns = 16, LongTurnSeconds = 8.0, LongestTurnSeconds = 0.52 },
        };
        var cluster = Result(StrategyIds.Cluster, 0.6, 0.2, AllAtOnce(16, 0.5)) with { RuntimeEvents = Events() };

        var finding = Assert.Single(Run(new BlockingGrainFinder(), new HelloParameters(Tasks: 16, DelayMs: 500), blocking, cluster));

        Assert.Equal((FindingIds.BlockingGrain, StrategyIds.BlockingGrain), (finding.Id, finding.Strategy));
        Assert.Equal(16, finding.Figures["longTurns"]);
        Assert.Equal(1, finding.Figures["turnShareOfTasks"]);
        Assert.Equal(0.6, finding.Figures["awaitingSeconds"], 9);
        Assert.Equal("16 of 16 tasks blocked inside their grain's turn, holding a node thread for 8.00 s in all (100% of the tasks' time; the longest turn 0.520 s). It took 4.10 s where cluster, whose grains await, took 0.600 s.",
            finding.Text);
    }

    [Fact]
    public void BlockingGrain_AFewPreemptedTurns_OrNone_Silent()
    {
        // A busy machine can stretch a healthy turn past 100 ms now and then: 3 such turns of 0.15 s
        // against 8 s of tasks stay far below half.
        var preempted = Result(StrategyIds.Cluster, 0.6, 0.2, AllAtOnce(16, 0.5)) with
        {
            RuntimeEvents = Events() with { LongTurns = 3, LongTurnSeconds = 0.45, LongestTurnSeconds = 0.15 },
        };
        var unmeasured = Result(StrategyIds.BlockingGrain, 4.1, 0.2, AllAtOnce(16, 0.5));

        Assert.Empty(Run(new BlockingGrainFinder(), new HelloParameters(Tasks: 16, DelayMs: 500), preempted, unmeasured));
    }

    [Fact]
    public void RuntimeEvents_Plus_AddsLongTurnsAndKeepsTheLongest()
    {
        var sum = (Events() with { LongTurns = 2, LongTurnSeconds = 1.0, LongestTurnSeconds = 0.6 })
            .Plus(Events(contentions: 1) with { LongTurns = 1, LongTurnSeconds = 0.7, LongestTurnSeconds = 0.7 });

        Assert.Equal((3L, 1.7, 0.7, 1L), (sum.LongTurns, sum.LongTurnSeconds, sum.LongestTurnSeconds, sum.Contentions));
    }
}
