using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Tests.Statistics;

public sealed class RunStatisticsTests
{
    private static StrategyResult Result(string strategy, int repetition, double wall, int failed = 0, string check = "ok", bool cancelled = false) =>
        new(strategy, repetition, wall, wall / 2, 3, 10 - failed, failed, check, 1_000, [], cancelled);

    [Fact]
    public void Compute_InterleavedRepetitions_GroupsPerStrategyAndExcludesWarmups()
    {
        // Warmups (-1) are 10x slower and must not count; sequential [2.0, 2.2, 2.1] vs async [1.0, 1.05, 0.95]
        // (the last async one cancelled and excluded is 9.9): speedup = 2.1 / 1.0 = 2.1.
        StrategyResult[] results =
        [
            Result("sequential", -1, 20), Result("async", -1, 10),
            Result("sequential", 0, 2.0), Result("async", 0, 1.0),
            Result("sequential", 1, 2.2), Result("async", 1, 1.05),
            Result("sequential", 2, 2.1), Result("async", 2, 0.95),
            Result("async", 3, 9.9, cancelled: true),
        ];

        var stats = RunStatistics.Compute(results);

        Assert.Equal(["sequential", "async"], stats.Select(s => s.Strategy));
        var sequential = stats[0];
        var async = stats[1];
        Assert.Equal(3, sequential.Repetitions);
        Assert.Equal(2.1, sequential.Wall!.Mean, 1e-12);
        Assert.Null(sequential.Speedup);
        Assert.Equal(3, async.Repetitions);
        Assert.Equal(1.0, async.Wall!.Mean, 1e-12);
        Assert.Equal(2.1, async.Speedup!.Ratio, 1e-12);
        Assert.Equal(30, async.TasksOk);
        Assert.Equal(0.5, async.MedianCpuSeconds!.Value, 1e-12);
        Assert.Equal(1, async.CancelledRepetitions);
        Assert.Contains(async.Warnings, w => w == "1 cancelled repetition(s) left out.");
    }

    [Fact]
    public void Compute_FailuresAndCheckProblems_BecomeWarnings()
    {
        var stats = RunStatistics.Compute([Result("threads", 0, 1, failed: 2, check: "3 outputs differ")]);

        var threads = Assert.Single(stats);
        Assert.Equal(2, threads.TasksFailed);
        Assert.Equal("3 outputs differ", threads.OutputCheck);
        Assert.Contains(threads.Warnings, w => w == "2 tasks failed.");
        Assert.Contains(threads.Warnings, w => w.Contains("3 outputs differ", StringComparison.Ordinal));
        Assert.Null(threads.Speedup);
    }

    [Fact]
    public void Compute_OnlyWarmups_HasNoWallStatistics()
    {
        var stats = RunStatistics.Compute([Result("parallel", -1, 1)]);

        var parallel = Assert.Single(stats);
        Assert.Equal(0, parallel.Repetitions);
        Assert.Null(parallel.Wall);
        Assert.Contains(parallel.Warnings, w => w.StartsWith("No measured repetition", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_CpuTimes_TakesTheMedianNotTheMean()
    {
        // CPU 1.0, 1.2, 9.0: the median is 1.2 (the mean, 3.73, would follow the one slow repetition).
        StrategyResult[] results =
        [
            Result("threads", 0, 1) with { CpuSeconds = 1.0 },
            Result("threads", 1, 1) with { CpuSeconds = 9.0 },
            Result("threads", 2, 1) with { CpuSeconds = 1.2 },
        ];

        Assert.Equal(1.2, Assert.Single(RunStatistics.Compute(results)).MedianCpuSeconds!.Value, 1e-12);
    }

    [Fact]
    public void Compute_TasksOkAndFailed_AreTotalsOverMeasuredRepetitions()
    {
        StrategyResult[] results =
        [
            Result("threads", 0, 1, failed: 1),
            Result("threads", 1, 1, failed: 3),
            Result("threads", 2, 1, failed: 9, cancelled: true),
        ];

        var threads = Assert.Single(RunStatistics.Compute(results));

        Assert.Equal(9 + 7, threads.TasksOk);
        Assert.Equal(1 + 3, threads.TasksFailed);
    }

    [Fact]
    public void Compute_TwoRepetitions_WarnsTooFew()
    {
        var threads = Assert.Single(RunStatistics.Compute([Result("threads", 0, 1.0), Result("threads", 1, 1.1)]));

        Assert.Contains(threads.Warnings, w => w.StartsWith("Only 2 repetitions", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_TwoGroupsOfTaskDurations_WarnsOfSeveralModes()
    {
        // 30 tasks of about 10 ms and 30 of about 1 s: two clear modes.
        var spans = Enumerable.Range(0, 60)
            .Select(i => Span(i, i < 30 ? 0.010 + (i * 0.0001) : 1.0 + (i * 0.001)))
            .ToArray();
        var threads = Assert.Single(RunStatistics.Compute([Result("threads", 0, 2) with { Spans = spans }]));

        Assert.True(threads.TaskDurationMValue > RunStatistics.BimodalMValue, $"mvalue {threads.TaskDurationMValue}");
        Assert.Contains(threads.Warnings, w => w.Contains("modal (mvalue", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_OneGroupOfTaskDurations_HasNoModeWarning()
    {
        // 60 tasks spread evenly from 100 to 159 ms: one mode.
        var spans = Enumerable.Range(0, 60).Select(i => Span(i, 0.1 + (i * 0.001))).ToArray();
        var threads = Assert.Single(RunStatistics.Compute([Result("threads", 0, 2) with { Spans = spans }]));

        Assert.True(threads.TaskDurationMValue <= RunStatistics.BimodalMValue, $"mvalue {threads.TaskDurationMValue}");
        Assert.DoesNotContain(threads.Warnings, w => w.Contains("mvalue", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_FewTasks_SkipsTheModalityCheck()
    {
        var spans = Enumerable.Range(0, RunStatistics.MinTasksForModality - 1).Select(i => Span(i, i % 2 == 0 ? 0.01 : 1)).ToArray();

        Assert.Null(Assert.Single(RunStatistics.Compute([Result("threads", 0, 2) with { Spans = spans }])).TaskDurationMValue);
    }

    private static TaskSpan Span(int task, double seconds) =>
        new(task, new Lane(1, 1), 0, seconds, Engine.Running.TaskStatus.Ok);
}
