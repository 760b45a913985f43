using System.Text.Json.Serialization;

namespace Dashboard.Engine.Running;

/// <summary>
/// What the .NET runtime itself reported while one strategy repetition ran, from its thread-pool
/// and contention events (<see cref="RuntimeEventListener"/>), in this process and in each worker
/// process: why the pool added or removed threads, and how often and how long threads waited for
/// a lock; and, from lab nodes, the grain turns that held a node's thread for long
/// (<see cref="LongTurns"/>).
/// </summary>
/// <param name="Adjustments">The pool's thread-count changes, in time order (at most <see cref="MaxAdjustments"/>).</param>
/// <param name="Contentions">Times a thread found a lock taken and had to wait for it.</param>
/// <param name="ContentionWaitSeconds">Seconds threads spent waiting for contended locks, summed (0 where the runtime does not time them).</param>
public sealed record RuntimeEvents(
    IReadOnlyList<PoolAdjustment> Adjustments,
    long Contentions,
    double ContentionWaitSeconds)
{
    /// <summary>Most adjustments kept per repetition (the pool adjusts about twice a second).</summary>
    public const int MaxAdjustments = 1_000;

    /// <summary>
    /// Grain turns on lab nodes that held their activation's thread for <see cref="LongTurnMs"/> or
    /// more (each node's grain call filter times the turn a task's call starts with); 0 elsewhere.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long LongTurns { get; init; }

    /// <summary>Seconds those long turns took, summed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double LongTurnSeconds { get; init; }

    /// <summary>The longest of them, in seconds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double LongestTurnSeconds { get; init; }

    /// <summary>A grain turn this long or longer is reported (a healthy turn takes microseconds: it starts the work and yields).</summary>
    public const int LongTurnMs = 100;

    /// <summary>Adjustments whose reason is <see cref="PoolAdjustmentReason.Starvation"/>.</summary>
    public int Starvations => Adjustments.Count(a => a.Reason == PoolAdjustmentReason.Starvation);

    /// <summary>Adds another process's events (a worker's) to these.</summary>
    public RuntimeEvents Plus(RuntimeEvents other) => new(
        [.. Adjustments.Concat(other.Adjustments).OrderBy(a => a.T).Take(MaxAdjustments)],
        Contentions + other.Contentions,
        Math.Round(ContentionWaitSeconds + other.ContentionWaitSeconds, 6))
    {
        LongTurns = LongTurns + other.LongTurns,
        LongTurnSeconds = Math.Round(LongTurnSeconds + other.LongTurnSeconds, 6),
        LongestTurnSeconds = Math.Max(LongestTurnSeconds, other.LongestTurnSeconds),
    };
}
