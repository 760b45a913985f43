using System.Diagnostics;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Faults;

/// <summary>A worker process killed with SIGKILL in the middle of its share.</summary>
[Collection(FaultsCollection.Name)]
public sealed class WorkerKillTests
{

    private const int Tasks = 4;

    // Two workers with the contiguous split: worker 0 runs tasks 0-1, worker 1 tasks 2-3
    // (ProcessesStrategy.Share). The pull split's kill is tested in the Engine's ProcessStrategyTests.
    private const int VictimShareEnd = Tasks / 2;

    [Theory]
    [InlineData(StrategyIds.Processes)]
    [InlineData(StrategyIds.AsyncProcesses)]
    public async Task KillNine_WorkerMidTask_ItsTasksFailNamingItOtherWorkerCompletesRunCompletesNoProcessLeft(string strategy)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var app = FaultApp.Start();

        // Each task waits 3 s: long enough that the kill (sent when the feed shows the victim's
        // first task started, ~100 ms later) lands while that task is still running.
        var plan = new RunPlan(new HelloParameters(Tasks, "Kill", DelayMs: 3_000), [strategy],
            Options: new StrategyOptions(ProcessCount: 2, ProcessSplit: ProcessSplit.Contiguous));
        int? victim = null;
        var run = await app.RunToEndAsync(plan, e =>
        {
            if (victim is null && e is { Type: WireEventConverter.TaskType, Kind: "started", Task: < VictimShareEnd, Lane: { } lane }
                && Lane.Parse(lane).ProcessId is var pid && pid != Environment.ProcessId)
            {
                victim = pid;
                using var process = Process.GetProcessById(pid);
                process.Kill(); // SIGKILL: no chance to say goodbye on stdout
            }
        }, timeout.Token);

        Assert.NotNull(victim);
        Assert.Equal(RunState.Completed, run.Summary.State);
        Assert.Null(run.Summary.Error);
        var result = Assert.Single(run.Summary.Results);
        Assert.False(result.Cancelled);
        Assert.Equal((2, 2), (result.TasksOk, result.TasksFailed));
        RunAssert.EveryTaskAccountedFor(run, Tasks);

        var ends = run.Terminal.OrderBy(e => e.Task).ToList();
        foreach (var end in ends.Take(VictimShareEnd))
        {
            Assert.Equal("failed", end.Kind);
            Assert.Contains($"worker {victim}", end.Detail, StringComparison.Ordinal);
        }

        var survivors = ends.Skip(VictimShareEnd).ToList();
        Assert.All(survivors, e => Assert.Equal("completed", e.Kind));
        var survivor = Assert.Single(survivors.Select(e => Lane.Parse(e.Lane!).ProcessId).Distinct());
        Assert.NotEqual(victim.Value, survivor);
        Assert.NotEqual(Environment.ProcessId, survivor);

        Assert.Equal(new HashSet<int> { victim.Value, survivor }, run.WorkerPids);
        await RunAssert.NoWorkerLeftAsync(run, []);
    }

    [Fact]
    public async Task Cancel_WhileAWorkerIsFrozen_RunEndsCancelledFrozenWorkerKilledAndReaped()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var app = FaultApp.Start();

        // 20 s tasks: only the cancel can end this run within the test's patience.
        var plan = new RunPlan(new HelloParameters(Tasks, "Frozen", DelayMs: 20_000), [StrategyIds.Processes],
            Options: new StrategyOptions(ProcessCount: 2));
        var summary = app.Queue.Enqueue(plan);
        var frozen = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watching = app.WatchAsync(summary.Id, e =>
        {
            if (!frozen.Task.IsCompleted && e is { Type: WireEventConverter.TaskType, Kind: "started", Lane: { } lane }
                && Lane.Parse(lane).ProcessId is var pid && pid != Environment.ProcessId)
            {
                // SIGSTOP: the worker neither reads its closed stdin nor exits; only a kill ends it.
                using var stop = Process.Start("kill", ["-STOP", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                stop.WaitForExit();
                Assert.Equal(0, stop.ExitCode);
                frozen.SetResult(pid);
            }
        }, timeout.Token);
        var victim = await frozen.Task.WaitAsync(timeout.Token);

        Assert.True(app.Queue.Cancel(summary.Id));
        var run = await watching;

        Assert.Equal(RunState.Cancelled, run.Summary.State);
        RunAssert.EveryTaskAccountedFor(run, Tasks);
        Assert.Contains(victim, run.WorkerPids);
        await RunAssert.NoWorkerLeftAsync(run, []);
    }
}
