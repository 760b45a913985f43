using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Fixtures;
using Dashboard.Engine.Tests.Workloads;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Strategies;

/// <summary>
/// The thread-pool starvation lesson on the real genre workload over loopback HTTP: blocking pool
/// threads on the async form is slower than async, and the counters show why.
/// </summary>
[Collection(StarvationCollection.Name)]
public sealed class SyncOverAsyncTests(SimTargetsFixture sim) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        sim.SetKnobs(k => k);
        _dir.Dispose();
    }

    private async Task<RunResult> RunAsync(int tasks, params string[] strategies)
    {
        // A short request timeout: starved of pool threads, the in-process targets answer late or
        // never, and a request that waits 30 s teaches nothing more than one that waits 5 s.
        var runner = new LabRunner(new LabRunnerOptions
        {
            GracePeriod = TimeSpan.FromMilliseconds(500),
            BackgroundPriority = false,
            RequestTimeout = TimeSpan.FromSeconds(5),
        });
        var run = runner.Start(new RunPlan(new GenreParameters(tasks), strategies), sim.Environment(_dir.Path), CancellationToken.None);
        await foreach (var _ in run.Events.WithCancellation(CancellationToken.None))
        {
        }

        return await run.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Genre100At100Ms_SlowerThanAsync_CountersShowQueueAndPoolThreadsClimbing()
    {
        sim.SetLatency(100);

        var result = await RunAsync(100, StrategyIds.Async, StrategyIds.SyncOverAsync);

        var async = result.Results.Single(r => r.Strategy == StrategyIds.Async);
        var blocked = result.Results.Single(r => r.Strategy == StrategyIds.SyncOverAsync);
        // Every task ends; some may time out, because the targets share the starved pool.
        Assert.Equal(100, blocked.Spans.Count);
        Assert.Equal((100, "ok"), (async.TasksOk, async.OutputCheck));
        Assert.True(blocked.WallSeconds > async.WallSeconds * 1.5,
            $"sync-over-async {blocked.WallSeconds:0.000} s vs async {async.WallSeconds:0.000} s");

        var counters = blocked.Counters!.Where(c => c.Process == Environment.ProcessId).ToList();
        Assert.Contains(counters, c => c.PoolQueue > 0);
        Assert.True(counters.Max(c => c.PoolThreads) > counters[0].PoolThreads,
            $"pool threads {counters[0].PoolThreads} at start, {counters.Max(c => c.PoolThreads)} at most");
    }

    [Fact]
    public async Task AsyncGenre_TasksResumeOnOtherThreads_EveryThreadRecorded()
    {
        var result = await RunAsync(30, StrategyIds.Async);

        var spans = result.Results[0].Spans;
        Assert.Equal(30, spans.Count(s => s.Status == Dashboard.Engine.Running.TaskStatus.Ok));
        Assert.All(spans, s => Assert.Equal(s.Lane.ThreadId, s.Threads![0]));
        Assert.Contains(spans, s => s.Threads!.Count > 1);
    }
}
