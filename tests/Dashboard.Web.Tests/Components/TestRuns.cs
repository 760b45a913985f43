using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Components;

/// <summary>Builders for runs, results and wire events with known figures.</summary>
internal static class TestRuns
{
    public static readonly DateTimeOffset Created = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static RunSummary Summary(long id, RunPlan plan, RunState state, int? queuePosition = null,
        IReadOnlyList<StrategyResult>? results = null) =>
        new(id, null, plan, state, queuePosition, Created,
            state == RunState.Queued ? null : Created.AddSeconds(1),
            state is RunState.Completed or RunState.Cancelled or RunState.Failed ? Created.AddSeconds(12) : null,
            null, results ?? []);

    public static RunPlan Plan(WorkloadParameters parameters, params string[] strategies) =>
        new(parameters, strategies.Length == 0 ? StrategyCatalog.DefaultIds : strategies);

    /// <summary>A result whose tasks each took <paramref name="taskSeconds"/>, on <paramref name="lanes"/> lanes.</summary>
    public static StrategyResult Result(string strategy, double wall, double cpu, int lanes, int ok,
        int failed = 0, double taskSeconds = 0.1, int repetition = 0, bool cancelled = false) =>
        new(strategy, repetition, wall, cpu, lanes, ok, failed, "ok", 0,
            Enumerable.Range(0, ok).Select(i => new TaskSpan(i, new Lane(1, 1 + (i % lanes)), 0, taskSeconds, Engine.Running.TaskStatus.Ok)).ToList(),
            cancelled);

    private static long _seq;

    public static WireEvent Started(string strategy, int tasks, double wallMs = 1_000, int repetition = 0) =>
        new(Interlocked.Increment(ref _seq), "strategy-started", strategy, repetition, -1, null, 0, wallMs, null, null, TaskCount: tasks);

    public static WireEvent Task(string strategy, int task, string kind, double time = 0.01, int repetition = 0) =>
        new(Interlocked.Increment(ref _seq), "task", strategy, repetition, task, kind, time, 1_000 + (time * 1000), "100:1", null);

    public static WireEvent Tally(string strategy, int bucket, int started, int ok, int failed, int repetition = 0) =>
        new(Interlocked.Increment(ref _seq), WireEventConverter.TallyType, strategy, repetition, bucket, null, bucket * 0.05, 1_000, null, null,
            Tally: new TaskTally(0.05, started, ok, failed, 0));

    public static WireEvent Counters(string strategy, CounterSample sample, int repetition = 0) =>
        new(Interlocked.Increment(ref _seq), "counters", strategy, repetition, -1, null, sample.T, 1_000 + (sample.T * 1000), null, null, Counters: sample);

    public static WireEvent Completed(StrategyResult result) =>
        new(Interlocked.Increment(ref _seq), "strategy-completed", result.Strategy, result.Repetition, -1, null,
            result.WallSeconds, 1_000 + (result.WallSeconds * 1000), null, null, Result: result);
}
