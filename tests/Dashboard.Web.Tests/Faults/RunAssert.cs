using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Faults;

/// <summary>Checks every fault test makes of a finished run's bookkeeping.</summary>
internal static class RunAssert
{
    /// <summary>
    /// Every strategy repetition that started also completed, and accounts for each of its tasks
    /// exactly once: one terminal event per task, and counts in the result that match them.
    /// </summary>
    public static void EveryTaskAccountedFor(WatchedRun run, int taskCount)
    {
        var started = run.Events.Where(e => e.Type == WireEventConverter.StrategyStartedType).ToList();
        var completed = run.Events.Where(e => e.Type == WireEventConverter.StrategyCompletedType).ToList();
        Assert.Equal(
            started.Select(e => (e.Strategy, e.Repetition)),
            completed.Select(e => (e.Strategy, e.Repetition)));
        Assert.Equal(
            started.Select(e => (e.Strategy, e.Repetition)),
            run.Summary.Results.Select(r => (r.Strategy, r.Repetition)));

        foreach (var result in run.Summary.Results)
        {
            var where = $"run {run.Summary.Id} {result.Strategy} #{result.Repetition}";
            var terminal = run.Terminal.Where(e => e.Strategy == result.Strategy && e.Repetition == result.Repetition).ToList();
            Assert.True(
                Enumerable.Range(0, taskCount).SequenceEqual(terminal.Select(e => e.Task).Order()),
                $"{where}: each task must end exactly once; ended: {string.Join(",", terminal.Select(e => e.Task).Order())}");
            var cancelled = terminal.Count(e => e.Kind == "cancelled");
            Assert.True(result.TasksOk + result.TasksFailed + cancelled == taskCount,
                $"{where}: ok {result.TasksOk} + failed {result.TasksFailed} + cancelled {cancelled} != {taskCount} tasks");
            Assert.Equal(terminal.Count(e => e.Kind == "completed"), result.TasksOk);
            Assert.Equal(terminal.Count(e => e.Kind == "failed"), result.TasksFailed);
            Assert.Equal(taskCount, result.Spans.Count);
            if (!result.Cancelled)
            {
                Assert.True(cancelled == 0, $"{where}: {cancelled} tasks cancelled in a repetition that was not");
            }

            foreach (var failure in terminal.Where(e => e.Kind == "failed"))
            {
                Assert.False(string.IsNullOrWhiteSpace(failure.Detail), $"{where}: task {failure.Task} failed without a reason");
            }
        }
    }

    /// <summary>
    /// No child process of this process (the app's only children are workers) outlives the run;
    /// returns how long after the run's end they took to go.
    /// </summary>
    public static async Task<TimeSpan> NoWorkerLeftAsync(WatchedRun run, IEnumerable<int> seenPids)
    {
        var pids = run.WorkerPids.Concat(seenPids).ToHashSet();
        var (stillThere, waitedForPids) = await ProcessProbe.SettleAsync(() => ProcessProbe.StillThere(pids));
        Assert.True(stillThere.Count == 0, $"run {run.Summary.Id}: worker processes left: {string.Join("; ", stillThere)}");
        var (children, waitedForChildren) = await ProcessProbe.SettleAsync(ProcessProbe.Children);
        Assert.True(children.Count == 0, $"run {run.Summary.Id}: child processes left: {string.Join("; ", children)}");
        return waitedForPids + waitedForChildren;
    }

    /// <summary>None of the engine's named task threads is still running; returns how long they took to go.</summary>
    public static async Task<TimeSpan> NoLabThreadLeftAsync(WatchedRun run)
    {
        var (threads, waited) = await ProcessProbe.SettleAsync(ProcessProbe.LabThreads);
        Assert.True(threads.Count == 0, $"run {run.Summary.Id}: engine threads still running: {string.Join(", ", threads)}");
        return waited;
    }
}
