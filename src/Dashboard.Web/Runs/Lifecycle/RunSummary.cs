using Dashboard.Engine.Running;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>What pages, the hub and the API see of a run at one moment.</summary>
/// <param name="QueuePosition">1 = next to run; null unless queued.</param>
/// <param name="Results">Strategy repetitions finished so far (spans included).</param>
public sealed record RunSummary(
    long Id,
    string? Label,
    RunPlan Plan,
    RunState State,
    int? QueuePosition,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? Error,
    IReadOnlyList<StrategyResult> Results)
{
    /// <summary>
    /// Task events past <see cref="RunServiceOptions.MaxEventsPerRun"/>: counted, neither kept nor streamed.
    /// </summary>
    public long DroppedEvents { get; init; }

    /// <summary>
    /// What the run does before its strategies start, while it does it ("calibrating the CPU…");
    /// null otherwise. The live page's status line shows it.
    /// </summary>
    public string? Activity { get; init; }

    /// <summary>
    /// The strategy repetition now starting up, as the engine last told it (<see cref="StrategyActivity"/>):
    /// its words while it starts, and the lab nodes that joined so far (the node panel's first rows);
    /// kept until that repetition ends, null otherwise.
    /// </summary>
    public StrategyActivity? Startup { get; init; }

    /// <summary>
    /// Seconds the run spent calibrating the CPU before its first strategy (the race's first phase;
    /// in no strategy's wall time); null when it needed none or found one measured already.
    /// </summary>
    public double? CalibrationSeconds { get; init; }

    public bool IsFinished => RunLifecycle.IsFinal(State);
}
