using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Storage;

/// <summary>Runs with known figures to store and read back (the store never looks at where they came from).</summary>
internal static class TestRuns
{
    public static readonly DateTimeOffset Created = new(2026, 11, 26, 10, 0, 0, 123, TimeSpan.Zero);

    public static RunPlan HelloPlan(int tasks = 4, int repeat = 2, params string[] strategies) => new(
        new HelloParameters(tasks, "Ada", 10),
        strategies.Length == 0 ? [StrategyIds.Sequential, StrategyIds.Async] : strategies,
        repeat,
        Warmup: 1,
        new StrategyOptions(AsyncCap: 8));

    /// <summary>
    /// A finished run: per strategy one warmup and <c>repeat</c> measured repetitions, each with
    /// <c>tasks</c> spans; strategy s, repetition r has wall time (s + 1) + r / 10.
    /// </summary>
    public static RunSummary Finished(long id, RunPlan? plan = null, RunState state = RunState.Completed, string? label = null)
    {
        plan ??= HelloPlan();
        var results = new List<StrategyResult>();
        for (var rep = -plan.Warmup; rep < plan.Repeat; rep++)
        {
            for (var s = 0; s < plan.Strategies.Count; s++)
            {
                results.Add(Result(plan.Strategies[s], rep, plan.Parameters.TaskCount, (s + 1) + (rep / 10.0)));
            }
        }

        return new RunSummary(
            id, label, plan, state, null, Created.AddMinutes(id), Created.AddMinutes(id).AddSeconds(1),
            Created.AddMinutes(id).AddSeconds(30), state == RunState.Failed ? "boom" : null, results);
    }

    public static StrategyResult Result(string strategy, int repetition, int tasks, double wall)
    {
        var spans = Enumerable.Range(0, tasks)
            .Select(i => new TaskSpan(
                i,
                new Lane(1000 + (i % 3), 10 + (i % 5)),
                Start: i * 0.001,
                End: (i * 0.001) + 0.5,
                i % 7 == 6 ? TaskStatus.Failed : TaskStatus.Ok,
                i % 7 == 6 ? "timeout" : $"Hello, Ada #{i}"))
            .ToArray();
        var failed = spans.Count(s => s.Status == TaskStatus.Failed);
        return new StrategyResult(strategy, repetition, wall, wall / 2, 3, tasks - failed, failed, "ok", 50_000_000 + tasks, spans);
    }

    public static RunSummary Pending(long id, RunState state) => new(
        id, null, HelloPlan(), state, state == RunState.Queued ? 1 : null, Created.AddMinutes(id),
        state == RunState.Running ? Created.AddMinutes(id).AddSeconds(1) : null, null, null, []);
}
