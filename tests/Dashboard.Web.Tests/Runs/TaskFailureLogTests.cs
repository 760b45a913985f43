using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Runs;

public sealed class TaskFailureLogTests
{
    [Fact]
    public void Observe_TenThousandFailures_FirstFewOneByOneThenOneSummary()
    {
        var logger = new CapturingLogger();
        var log = new TaskFailureLog(logger, runId: 9, limit: 5);

        for (var i = 0; i < 10_000; i++)
        {
            log.Observe(new TaskEvent("async", 0, i, TaskEventKind.Failed, MonotonicClock.Now, Lane.Current, i % 3 == 0 ? "HTTP 500" : "HTTP 429"));
            log.Observe(new TaskEvent("async", 0, i, TaskEventKind.Started, MonotonicClock.Now, Lane.Current));
        }

        log.Observe(new StrategyCompleted(new StrategyResult("async", 0, 1, 1, 1, 0, 10_000, "ok", 0, [])));

        Assert.Equal(6, logger.Entries.Count);
        Assert.All(logger.Entries, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Equal(9L, logger.Entries[0].Values.Single(v => v.Key == "RunId").Value);
        Assert.Equal(0, logger.Entries[0].Values.Single(v => v.Key == "Task").Value);
        var summary = logger.Entries[^1];
        Assert.Equal(10_000, summary.Values.Single(v => v.Key == "FailedTasks").Value);
        Assert.Equal(9_995, summary.Values.Single(v => v.Key == "Suppressed").Value);
        Assert.Contains("6666 x HTTP 429", summary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlushAll_RunCutShort_SummarisesUnfinishedRepetitionsOnce()
    {
        var logger = new CapturingLogger();
        var log = new TaskFailureLog(logger, runId: 1, limit: 1);
        for (var i = 0; i < 3; i++)
        {
            log.Observe(new TaskEvent("threads", 0, i, TaskEventKind.Failed, MonotonicClock.Now, Lane.Current, "boom"));
        }

        log.FlushAll();
        log.FlushAll();

        Assert.Equal(2, logger.Entries.Count);
        Assert.Equal(3, logger.Entries[1].Values.Single(v => v.Key == "FailedTasks").Value);
    }
}
