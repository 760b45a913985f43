using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Admission;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>Limits of the run queue and the live feed (configuration section "Runs").</summary>
public sealed class RunServiceOptions
{
    public const string SectionName = "Runs";

    /// <summary>Runs that may wait in the queue (the running one not counted).</summary>
    public int QueueCapacity { get; set; } = 20;

    /// <summary>Finished runs kept in memory (summaries); older ones are forgotten here (storage keeps them).</summary>
    public int KeepFinished { get; set; } = 200;

    /// <summary>
    /// Finished runs whose full event list (and spans) stay in memory for late watchers; older ones
    /// keep only their summary, and watchers get their spans read back from the store. A
    /// 10,000-task, 2-strategy run's events are ~10 MB, so keep this small.
    /// </summary>
    public int KeepFinishedEvents { get; set; } = 2;

    /// <summary>How often a running run publishes a batch of new events to its watchers.</summary>
    public int BatchIntervalMs { get; set; } = 100;

    /// <summary>
    /// Task events kept per run; past it task events are counted (<see cref="RunSummary.DroppedEvents"/>)
    /// but neither stored nor streamed, so a 100,000-task stress run cannot exhaust memory.
    /// Strategy start/end events are always kept.
    /// </summary>
    public int MaxEventsPerRun { get; set; } = 1_000_000;

    /// <summary>
    /// The most tasks per strategy repetition a run in the app may have: a million, as the engine
    /// and the bench take (runs past <see cref="AggregateAbove"/> are drawn as counts). Strategies
    /// with a thread or a worker per task keep a lower limit of their own (their descriptor's
    /// TaskLimit, which the plan's validation enforces with its reason).
    /// </summary>
    public int MaxTasksPerRun { get; set; } = DefaultMaxTasksPerRun;

    /// <summary>The default of <see cref="MaxTasksPerRun"/>.</summary>
    public const int DefaultMaxTasksPerRun = 1_000_000;

    /// <summary>
    /// Past this many tasks per strategy repetition the live feed and page aggregate: tasks travel
    /// as counts per 50 ms bucket (<see cref="Feed.TaskTallies"/>) and a person picks a window of
    /// tasks to see them one by one. Runs/README.md says why 20,000 (measured).
    /// </summary>
    public int AggregateAbove { get; set; } = DefaultAggregateAbove;

    /// <summary>Whether <paramref name="plan"/> is a large run, which the feed and the pages draw as counts: the one place that decides.</summary>
    public bool Aggregates(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Parameters.TaskCount > AggregateAbove;
    }

    /// <summary>The default of <see cref="AggregateAbove"/>.</summary>
    public const int DefaultAggregateAbove = 20_000;

    /// <summary>
    /// The most estimated sequential work one run may ask for, in seconds (every task of every
    /// strategy repetition, warmups included; see <see cref="RunBudget"/>). Larger runs are refused
    /// before they are queued, so one request cannot hold the queue for hours.
    /// </summary>
    public int MaxRunSeconds { get; set; } = 900;

    /// <summary>
    /// Longest a run may go, in seconds, from the moment it starts; a run still going then is
    /// cancelled (workers killed) and ends <see cref="RunState.TimedOut"/>.
    /// </summary>
    public int MaxRunWallSeconds { get; set; } = 1_800;

    /// <summary>Task failures logged one by one per strategy repetition; the rest are summed up in one line.</summary>
    public int LoggedFailuresPerStrategy { get; set; } = 5;
}
