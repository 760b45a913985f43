using System.Diagnostics;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Strategies;

/// <summary>Real Dashboard.Worker processes running the real hello workload.</summary>
public sealed class ProcessStrategyTests : IDisposable
{
    private readonly RunHarness _harness = new();

    private static LabRunner Runner() => new(new LabRunnerOptions { GracePeriod = TimeSpan.FromMilliseconds(500) });

    [Theory]
    [InlineData(StrategyIds.Processes)]
    [InlineData(StrategyIds.AsyncProcesses)]
    public async Task Run_ThreeWorkersContiguous_UsesThreeProcessesWithEvenShares(string strategy)
    {
        var plan = new RunPlan(new HelloParameters(7, "Worker", 20), [strategy], Options: new StrategyOptions(ProcessCount: 3, ProcessSplit: ProcessSplit.Contiguous));

        var (events, result) = await _harness.RunAsync(Runner(), plan);

        var r = Assert.Single(result.Results);
        Assert.Equal((7, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck));
        var tasks = events.OfType<TaskEvent>().ToList();
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(1, tasks.Count(e => e.Task == i && e.Kind == TaskEventKind.Started));
            Assert.Equal("Hello, Worker!", Assert.Single(tasks, e => e.Task == i && e.Kind == TaskEventKind.Completed).Detail);
        }

        var perProcess = r.Spans.GroupBy(s => s.Lane.ProcessId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, perProcess.Count);
        Assert.DoesNotContain(Environment.ProcessId, perProcess.Keys);
        Assert.InRange(perProcess.Values.Max() - perProcess.Values.Min(), 0, 1);

        // Contiguous: each worker's tasks are one block of neighbouring indices.
        Assert.All(r.Spans.GroupBy(s => s.Lane.ProcessId), g => Assert.Equal(g.Count() - 1, g.Max(s => s.Task) - g.Min(s => s.Task)));
        Assert.Equal(3, r.WorkerStartSeconds!.Count);
        Assert.All(r.WorkerStartSeconds, s => Assert.True(s > 0));
        Assert.True(r.CpuSeconds > 0);
        Assert.All(perProcess.Keys, pid => Assert.False(RunHarness.IsAlive(pid), $"worker {pid} is still there"));
    }

    [Fact]
    public async Task Run_LargeShares_JobsBiggerThanAPipeBufferRunEveryTaskOnce()
    {
        // 20,000 task indices per worker: each job is larger than the 64 KiB pipe buffer.
        var plan = new RunPlan(new HelloParameters(40_000, "Worker", 0), [StrategyIds.AsyncProcesses], Options: new StrategyOptions(ProcessCount: 2));

        var (events, result) = await _harness.RunAsync(Runner(), plan);

        var r = Assert.Single(result.Results);
        Assert.Equal((40_000, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck));
        Assert.Equal(40_000, events.OfType<TaskEvent>().Count(e => e.Kind == TaskEventKind.Started));
        Assert.Equal(2, r.Spans.Select(s => s.Lane.ProcessId).Distinct().Count());
    }

    [Fact]
    public void Share_AnySplit_CoversEveryTaskOnceAndDiffersByAtMostOne()
    {
        foreach (var (tasks, workers) in new[] { (16, 2), (7, 3), (100, 7), (5, 5), (1_000, 64) })
        {
            var shares = Enumerable.Range(0, workers).Select(w => ProcessesStrategy.Share(w, workers, tasks)).ToList();
            Assert.Equal(Enumerable.Range(0, tasks), shares.SelectMany(s => s).Order());
            Assert.InRange(shares.Max(s => s.Length) - shares.Min(s => s.Length), 0, 1);
        }
    }

    [Theory]
    [InlineData(StrategyIds.Processes)]
    [InlineData(StrategyIds.AsyncProcesses)]
    public async Task Run_CancelledMidRun_ReturnsCancelledAndLeavesNoWorkerAlive(string strategy)
    {
        using var cancel = new CancellationTokenSource();
        // 60 s per task: only cancellation ends this run within the test's timeout.
        var plan = new RunPlan(new HelloParameters(6, "Worker", 60_000), [strategy], Options: new StrategyOptions(ProcessCount: 2));
        var run = Runner().Start(plan, _harness.Environment, cancel.Token);

        var pids = new HashSet<int>();
        var nice = new List<int?>();
        var events = new List<LabEvent>();
        await foreach (var e in run.Events)
        {
            events.Add(e);
            if (e is TaskEvent { Kind: TaskEventKind.Started } started && pids.Add(started.Lane.ProcessId))
            {
                nice.Add(ThreadNice.ReadNice(started.Lane.ProcessId, started.Lane.ProcessId));
                if (pids.Count == 2)
                {
                    await cancel.CancelAsync();
                }
            }
        }

        var result = await run.Completion.WaitAsync(RunHarness.Timeout);
        Assert.True(result.Cancelled);
        Assert.True(Assert.Single(result.Results).Cancelled);
        var tasks = events.OfType<TaskEvent>().ToList();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(1, tasks.Count(e => e.Task == i && e.Kind == TaskEventKind.Cancelled));
        }

        Assert.All(pids, pid => Assert.False(RunHarness.IsAlive(pid), $"worker {pid} outlived the cancelled run"));
        Assert.All(nice, n => Assert.Equal(ThreadNice.BackgroundNice, n));
    }

    [Fact]
    public async Task Run_WorkerKilledMidRunContiguous_FailsOnlyItsShareAndTheRunGoesOn()
    {
        // Two workers, two tasks each, one after another: killing the first worker during its first
        // task must fail tasks 0 and 1 and leave tasks 2 and 3 to finish.
        var plan = new RunPlan(new HelloParameters(4, "Worker", 1_500), [StrategyIds.Processes, StrategyIds.Async],
            Options: new StrategyOptions(ProcessCount: 2, ProcessSplit: ProcessSplit.Contiguous));
        var run = Runner().Start(plan, _harness.Environment, CancellationToken.None);

        int? victim = null;
        var events = new List<LabEvent>();
        await foreach (var e in run.Events)
        {
            events.Add(e);
            if (victim is null && e is TaskEvent { Task: 0, Kind: TaskEventKind.Started } started)
            {
                victim = started.Lane.ProcessId;
                using var process = Process.GetProcessById(victim.Value);
                process.Kill();
            }
        }

        var result = await run.Completion.WaitAsync(RunHarness.Timeout);
        Assert.False(result.Cancelled);
        Assert.Equal(2, result.Results.Count); // the run went on to the next strategy
        var r = result.Results[0];
        Assert.Equal((2, 2), (r.TasksOk, r.TasksFailed));
        var failed = events.OfType<TaskEvent>().Where(e => e is { Strategy: StrategyIds.Processes, Kind: TaskEventKind.Failed }).ToList();
        Assert.Equal([0, 1], failed.Select(e => e.Task).Order());
        Assert.All(failed, e => Assert.StartsWith($"worker {victim} exited with code 137", e.Detail, StringComparison.Ordinal));
        Assert.Equal(4, result.Results[1].TasksOk);
        Assert.False(RunHarness.IsAlive(victim!.Value));
    }

    [Theory]
    [InlineData(StrategyIds.Processes, 3)]
    [InlineData(StrategyIds.Processes, 1)]
    [InlineData(StrategyIds.AsyncProcesses, 3)]
    public async Task Run_Pull_EveryTaskRunsOnceAndEachWorkerTakesTasksInOrder(string strategy, int workers)
    {
        var plan = new RunPlan(new HelloParameters(30, "Worker", 15), [strategy], Options: new StrategyOptions(ProcessCount: workers));

        var (events, result) = await _harness.RunAsync(Runner(), plan);

        var r = Assert.Single(result.Results);
        Assert.Equal((30, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck));
        var tasks = events.OfType<TaskEvent>().ToList();
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(1, tasks.Count(e => e.Task == i && e.Kind == TaskEventKind.Started));
            Assert.Equal(1, tasks.Count(e => e.Task == i && e.Kind == TaskEventKind.Completed));
        }

        Assert.Equal(workers, r.WorkerStartSeconds!.Count);
        Assert.DoesNotContain(Environment.ProcessId, r.Spans.Select(s => s.Lane.ProcessId));
        Assert.InRange(r.Spans.Select(s => s.Lane.ProcessId).Distinct().Count(), 1, workers);
        Assert.InRange(RunHarness.MaxOverlap(r.Spans), 1, strategy == StrategyIds.Processes ? workers : 30);
        foreach (var worker in r.Spans.GroupBy(s => s.Lane.ProcessId))
        {
            // Handed out in index order: a worker starts its tasks in ascending order.
            var started = worker.OrderBy(s => s.Start).Select(s => s.Task).ToList();
            Assert.Equal(started.Order(), started);
            if (strategy == StrategyIds.Processes)
            {
                Assert.Equal(1, RunHarness.MaxOverlap(worker)); // one at a time in each worker
                Assert.Single(worker.Select(s => s.Lane).Distinct()); // on one thread
            }
        }
    }

    [Fact]
    public async Task Run_PullAsyncCapped_EachWorkerHoldsAtMostItsCap()
    {
        var plan = new RunPlan(new HelloParameters(24, "Worker", 30), [StrategyIds.AsyncProcesses],
            Options: new StrategyOptions(AsyncCap: 2, ProcessCount: 2));

        var (_, result) = await _harness.RunAsync(Runner(), plan);

        var r = Assert.Single(result.Results);
        Assert.Equal((24, 0), (r.TasksOk, r.TasksFailed));
        Assert.All(r.Spans.GroupBy(s => s.Lane.ProcessId), worker => Assert.InRange(RunHarness.MaxOverlap(worker), 1, 2));
        Assert.InRange(RunHarness.MaxOverlap(r.Spans), 2, 4);
    }

    [Fact]
    public async Task Run_PullWorkerKilledMidRun_FailsItsTaskWithAReasonAndTheOtherWorkerRunsTheRest()
    {
        var plan = new RunPlan(new HelloParameters(5, "Worker", 1_000), [StrategyIds.Processes], Options: new StrategyOptions(ProcessCount: 2));
        var run = Runner().Start(plan, _harness.Environment, CancellationToken.None);

        int? victim = null;
        int? victimTask = null;
        var events = new List<LabEvent>();
        await foreach (var e in run.Events)
        {
            events.Add(e);
            if (victim is null && e is TaskEvent { Kind: TaskEventKind.Started } started)
            {
                (victim, victimTask) = (started.Lane.ProcessId, started.Task);
                using var process = Process.GetProcessById(victim.Value);
                process.Kill();
            }
        }

        // Each worker's job carried its first two tasks (the one it runs and the one queued behind
        // it), so the victim fails both; the other worker runs its own two and the fifth.
        var result = await run.Completion.WaitAsync(RunHarness.Timeout);
        var r = Assert.Single(result.Results);
        Assert.Equal((3, 2), (r.TasksOk, r.TasksFailed));
        var failed = events.OfType<TaskEvent>().Where(e => e.Kind == TaskEventKind.Failed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.Contains(victimTask!.Value, failed.Select(e => e.Task));
        Assert.Equal(1, Math.Abs(failed[0].Task - failed[1].Task)); // a worker's tasks come in order
        Assert.All(failed, e => Assert.StartsWith($"worker {victim} exited with code 137", e.Detail, StringComparison.Ordinal));
        Assert.All(r.Spans.Where(s => s.Status == Dashboard.Engine.Running.TaskStatus.Ok), s => Assert.NotEqual(victim, s.Lane.ProcessId));
    }

    [Fact]
    public async Task Run_PullEveryWorkerKilled_TasksNobodyTookFailWithTheReason()
    {
        var plan = new RunPlan(new HelloParameters(6, "Worker", 60_000), [StrategyIds.Processes], Options: new StrategyOptions(ProcessCount: 2));
        var run = Runner().Start(plan, _harness.Environment, CancellationToken.None);

        var killed = new HashSet<int>();
        var events = new List<LabEvent>();
        await foreach (var e in run.Events)
        {
            events.Add(e);
            if (e is TaskEvent { Kind: TaskEventKind.Started } started && killed.Add(started.Lane.ProcessId))
            {
                using var process = Process.GetProcessById(started.Lane.ProcessId);
                process.Kill();
            }
        }

        var result = await run.Completion.WaitAsync(RunHarness.Timeout);
        var r = Assert.Single(result.Results);
        Assert.Equal((0, 6), (r.TasksOk, r.TasksFailed));
        var failed = events.OfType<TaskEvent>().Where(e => e.Kind == TaskEventKind.Failed).ToList();
        Assert.Equal(Enumerable.Range(0, 6), failed.Select(e => e.Task).Order());
        // Four went out with the two jobs (two each) and failed with their worker; nobody took the other two.
        Assert.Equal(2, failed.Count(e => e.Detail!.StartsWith("no worker process was left to run it (worker ", StringComparison.Ordinal)));
        Assert.Equal(4, failed.Count(e => e.Detail!.StartsWith("worker ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Options_UnknownSplit_IsAValidationError()
    {
        var errors = new StrategyOptions(ProcessSplit: "round-robin").Validate();

        Assert.Contains("pull, contiguous", Assert.Single(errors["processSplit"]), StringComparison.Ordinal);
        Assert.Empty(new StrategyOptions(ProcessSplit: ProcessSplit.Contiguous).Validate());
    }

    [Fact]
    public async Task Run_MissingWorker_FailsTasksWithAClearReason()
    {
        var runner = new LabRunner(new LabRunnerOptions { WorkerPath = Path.Combine(_harness.OutputDirectory, "nowhere", "Dashboard.Worker.dll") });

        var (_, result) = await _harness.RunAsync(runner, new RunPlan(new HelloParameters(3, "Worker", 0), [StrategyIds.Processes]));

        var r = result.Results[0];
        Assert.Equal(3, r.TasksFailed);
        Assert.All(r.Spans, s => Assert.Contains("Dashboard.Worker", s.Detail, StringComparison.Ordinal));
    }

    public void Dispose() => _harness.Dispose();
}
