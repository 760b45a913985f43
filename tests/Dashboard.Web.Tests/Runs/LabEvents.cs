using Dashboard.Engine.Running;

namespace Dashboard.Web.Tests.Runs;

/// <summary>Engine events as the real engine emits them, for scripted runs.</summary>
public static class LabEvents
{
    public static StrategyStarted Started(string strategy, int tasks) =>
        new(strategy, 0, tasks, MonotonicClock.Now);

    public static TaskEvent Task(string strategy, int task, TaskEventKind kind, string? detail = null) =>
        new(strategy, 0, task, kind, MonotonicClock.Now, Lane.Current, detail);

    public static StrategyCompleted Completed(string strategy, int tasks) =>
        new(new StrategyResult(strategy, 0, 0.5, 0.1, 1, tasks, 0, "ok", 0, []));
}
