using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Explain;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Explain;

public sealed class RunExplainerTests
{
    [Fact]
    public void Explain_GenreAsyncFiftyTimesFaster_SaysIoBoundAndFiftyTimes()
    {
        var text = Explain(WorkloadKind.IoBound, new GenreParameters(100),
            TestRuns.Result(StrategyIds.Sequential, wall: 10, cpu: 0.05, lanes: 1, ok: 100),
            TestRuns.Result(StrategyIds.Async, wall: 0.2, cpu: 0.03, lanes: 3, ok: 100));

        Assert.Contains("This run was I/O-bound", text, StringComparison.Ordinal);
        Assert.Contains("Async was the fastest: 100 tasks in 0.200 s, 50x faster than sequential (10.0 s)", text, StringComparison.Ordinal);
        Assert.Contains("on 3 threads", text, StringComparison.Ordinal);
        Assert.DoesNotContain("GIL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_TaskDurationsInTwoGroups_WarnsThatTheMedianHidesThem()
    {
        // 30 tasks of 10 ms and 30 of 1 s: Perfolizer's mvalue is well above the bimodal 3.2.
        var async = TestRuns.Result(StrategyIds.Async, wall: 1.1, cpu: 0.03, lanes: 3, ok: 60) with
        {
            Spans = Enumerable.Range(0, 60)
                .Select(i => new Engine.Running.TaskSpan(i, new Engine.Running.Lane(1, 1), 0, i < 30 ? 0.010 + (i * 0.0001) : 1.0 + (i * 0.001), Engine.Running.TaskStatus.Ok))
                .ToList(),
        };
        var text = Explain(WorkloadKind.IoBound, new GenreParameters(60),
            TestRuns.Result(StrategyIds.Sequential, wall: 30, cpu: 0.05, lanes: 1, ok: 60),
            async);

        Assert.Contains("Async's task durations fall into groups (mvalue", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sequential's task durations", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_PowerThreadsNearlyTwiceAsFast_MentionsNoGil()
    {
        var text = Explain(WorkloadKind.CpuBound, new PowerParameters(1_000_000, 16),
            TestRuns.Result(StrategyIds.Sequential, wall: 3.8, cpu: 3.8, lanes: 1, ok: 16),
            TestRuns.Result(StrategyIds.Threads, wall: 2.0, cpu: 3.9, lanes: 16, ok: 16),
            TestRuns.Result(StrategyIds.Async, wall: 3.7, cpu: 3.7, lanes: 1, ok: 16));

        Assert.Contains("This run was CPU-bound", text, StringComparison.Ordinal);
        Assert.Contains("Threads ran 1.9x faster than sequential", text, StringComparison.Ordinal);
        Assert.Contains("global interpreter lock (GIL)", text, StringComparison.Ordinal);
        Assert.Contains("Async gained nothing here (1.0x, 3.70 s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_CpuBoundThreadsNoFaster_SaysNothingAboutTheGil()
    {
        var text = Explain(WorkloadKind.CpuBound, new PowerParameters(1_000_000, 16),
            TestRuns.Result(StrategyIds.Sequential, wall: 3.8, cpu: 3.8, lanes: 1, ok: 16),
            TestRuns.Result(StrategyIds.Threads, wall: 3.7, cpu: 3.8, lanes: 16, ok: 16));

        Assert.Contains("This run was CPU-bound", text, StringComparison.Ordinal);
        Assert.DoesNotContain("GIL", text, StringComparison.Ordinal);
        Assert.Contains("No strategy beat sequential (3.80 s) by much", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_IoBoundParallelAtCoreDegree_SaysItsWaitsBecameAQueue()
    {
        var text = Explain(WorkloadKind.IoBound, new GenreParameters(100),
            TestRuns.Result(StrategyIds.Sequential, wall: 10.1, cpu: 0.03, lanes: 1, ok: 100),
            TestRuns.Result(StrategyIds.Async, wall: 0.14, cpu: 0.02, lanes: 2, ok: 100),
            TestRuns.Result(StrategyIds.Parallel, wall: 5.1, cpu: 0.03, lanes: 2, ok: 100));

        Assert.Contains("Parallel waited on only 2 tasks at a time (degree = 2 cores), so 100 waits became a queue: 5.10 s, 2.0x faster than sequential", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ProcessesSlowerThanParallel_StatesTheStartCostFromTheFigures()
    {
        var text = Explain(WorkloadKind.CpuBound, new PowerParameters(150_000, 16),
            TestRuns.Result(StrategyIds.Sequential, wall: 3.0, cpu: 3.0, lanes: 1, ok: 16),
            TestRuns.Result(StrategyIds.Parallel, wall: 1.55, cpu: 3.0, lanes: 2, ok: 16),
            TestRuns.Result(StrategyIds.Processes, wall: 1.65, cpu: 3.1, lanes: 2, ok: 16));

        Assert.Contains("Processes took 1.65 s, 0.100 s more than parallel (1.55 s)", text, StringComparison.Ordinal);
        Assert.Contains("starting 2 worker processes", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ClusterSlowerThanProcesses_StatesTheExtraTimePerTask()
    {
        var text = Explain(WorkloadKind.CpuBound, new PowerParameters(150_000, 16),
            TestRuns.Result(StrategyIds.Sequential, wall: 3.0, cpu: 3.0, lanes: 1, ok: 16),
            TestRuns.Result(StrategyIds.Processes, wall: 1.6, cpu: 3.1, lanes: 2, ok: 16),
            TestRuns.Result(StrategyIds.Cluster, wall: 1.76, cpu: 0.2, lanes: 4, ok: 16));

        Assert.Contains("The cluster took 1.76 s against 1.60 s for processes: 10.0 ms more per task", text, StringComparison.Ordinal);
        Assert.Contains("grain call", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ClusterWithoutProcesses_SaysWhatToCompareWith()
    {
        var text = Explain(WorkloadKind.IoBound, new HelloParameters(10, "x", 100),
            TestRuns.Result(StrategyIds.Sequential, wall: 1.0, cpu: 0.01, lanes: 1, ok: 10),
            TestRuns.Result(StrategyIds.Cluster, wall: 0.12, cpu: 0.01, lanes: 4, ok: 10));

        Assert.Contains("The cluster made 10 grain calls to its lab nodes in 0.120 s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_SlowerStrategy_SaysSlowerNotAFractionFaster()
    {
        var text = Explain(WorkloadKind.IoBound, new HelloParameters(10, "x Æ a-12", 100),
            TestRuns.Result(StrategyIds.Sequential, wall: 1.0, cpu: 0.01, lanes: 1, ok: 10),
            TestRuns.Result(StrategyIds.Threads, wall: 0.1, cpu: 0.01, lanes: 10, ok: 10),
            TestRuns.Result(StrategyIds.Processes, wall: 4.0, cpu: 0.5, lanes: 2, ok: 10));

        Assert.Contains("4.0x slower than sequential", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0.3x faster", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_CpuWorkloadThatGotLittleCpu_SaysTheMachineWasBusyNotIoBound()
    {
        var text = Explain(WorkloadKind.CpuBound, new PowerParameters(150_000, 16),
            TestRuns.Result(StrategyIds.Sequential, wall: 3.25, cpu: 0.51, lanes: 1, ok: 16),
            TestRuns.Result(StrategyIds.Parallel, wall: 1.28, cpu: 0.26, lanes: 2, ok: 16));

        Assert.DoesNotContain("I/O-bound", text, StringComparison.Ordinal);
        Assert.Contains("sequential had the CPU for just 0.510 s of its 3.25 s (16%)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WaitingWorkloadWithVisibleCpu_StillSaysIoBound()
    {
        var text = Explain(WorkloadKind.IoBound, new HelloParameters(10, "Seven of Nine", 300),
            TestRuns.Result(StrategyIds.Sequential, wall: 3.02, cpu: 0.98, lanes: 1, ok: 10),
            TestRuns.Result(StrategyIds.Threads, wall: 0.39, cpu: 0.04, lanes: 10, ok: 10));

        Assert.Contains("This run was I/O-bound", text, StringComparison.Ordinal);
        Assert.Contains("0.980 s of CPU (32%)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_FailedTasks_AreNamed()
    {
        var text = Explain(WorkloadKind.IoBound, new GenreParameters(10),
            TestRuns.Result(StrategyIds.Sequential, wall: 2.8, cpu: 0.01, lanes: 1, ok: 10),
            TestRuns.Result(StrategyIds.Threads, wall: 0.3, cpu: 0.01, lanes: 10, ok: 7, failed: 3));

        Assert.Contains("Threads: 3 of 10 tasks failed", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_PowerWithLimits_NamesWhoReachedTheLimitAndWhatHeldTheOthersBack()
    {
        // Sequential: 1.40 s of CPU. Limit at two lanes, calibrated x1.90: 0.737 s. Parallel 0.75 s (98 %);
        // processes 0.90 s with 1.40 s of CPU: 1.56 of 2 lanes busy (82 %); threads 0.95 s with 1.75 s of CPU (+25 %).
        StrategyResult[] results =
        [
            TestRuns.Result(StrategyIds.Sequential, wall: 1.42, cpu: 1.40, lanes: 1, ok: 16),
            TestRuns.Result(StrategyIds.Parallel, wall: 0.75, cpu: 1.41, lanes: 2, ok: 16),
            TestRuns.Result(StrategyIds.Processes, wall: 0.90, cpu: 1.40, lanes: 2, ok: 16),
            TestRuns.Result(StrategyIds.Threads, wall: 0.95, cpu: 1.75, lanes: 16, ok: 16),
        ];
        var calibration = new Engine.Statistics.CpuCalibration("gmp", 1_000_000, 16, 2, 3, 0.76, 0.40, DateTimeOffset.UnixEpoch);
        var limits = RunLimits.Compute(new PowerParameters(), new StrategyOptions(), 2, null, calibration, Engine.Statistics.RunStatistics.Compute(results));

        var text = string.Join("\n", RunExplainer.Explain(new ExplainInput(
            WorkloadKind.CpuBound, new PowerParameters(), new StrategyOptions(), 2, RunFigures.Summarize(results), limits)));

        Assert.Contains("At the CPU limit (95% or more): sequential 99%, parallel 98%.", text, StringComparison.Ordinal);
        Assert.Contains("Threads reached 78% of its CPU limit (0.737 s: 1.40 s of CPU over x1.90 (2 lanes, calibrated)): it spent 1.75 s of CPU, 25% more than sequential's 1.40 s", text, StringComparison.Ordinal);
        Assert.Contains("Processes reached 82% of its CPU limit", text, StringComparison.Ordinal);
        Assert.Contains("on average 1.56 of its 2 lanes were computing", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_GenreWithLimits_SaysWhatSetThePaceAboveTheLatencyBound()
    {
        StrategyResult[] results =
        [
            TestRuns.Result(StrategyIds.Async, wall: 0.46, cpu: 0.84, lanes: 3, ok: 1000),
            TestRuns.Result(StrategyIds.Threads, wall: 0.104, cpu: 0.02, lanes: 100, ok: 1000),
        ];
        var limits = RunLimits.Compute(new GenreParameters(1000), new StrategyOptions(), 2, 0.1, null, Engine.Statistics.RunStatistics.Compute(results));

        var text = string.Join("\n", RunExplainer.Explain(new ExplainInput(
            WorkloadKind.IoBound, new GenreParameters(1000), new StrategyOptions(), 2, RunFigures.Summarize(results), limits)));

        Assert.Contains("At the latency bound (95% or more): threads 96%.", text, StringComparison.Ordinal);
        Assert.Contains("Async reached 22% of its latency bound (0.100 s: 1 wave of 0.100 s (1,000 at once)): it spent 0.840 s of CPU in 0.460 s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_NothingFinished_SaysNothing()
    {
        var sentences = RunExplainer.Explain(new ExplainInput(WorkloadKind.IoBound, new GenreParameters(5), new StrategyOptions(), 2, []));

        Assert.Empty(sentences);
    }

    private static string Explain(WorkloadKind kind, WorkloadParameters parameters, params Engine.Running.StrategyResult[] results) =>
        string.Join("\n", RunExplainer.Explain(new ExplainInput(
            kind, parameters, new StrategyOptions(), Cores: 2, RunFigures.Summarize(results))));
}
