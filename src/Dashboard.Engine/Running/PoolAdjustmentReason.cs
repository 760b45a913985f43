namespace Dashboard.Engine.Running;

/// <summary>
/// The runtime's reason for a thread-pool adjustment (the <c>Reason</c> field of
/// <c>ThreadPoolWorkerThreadAdjustmentAdjustment</c>, its numbers kept).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PoolAdjustmentReason>))]
public enum PoolAdjustmentReason
{
    Warmup = 0,
    Initializing = 1,
    RandomMove = 2,
    ClimbingMove = 3,
    ChangePoint = 4,
    Stabilizing = 5,

    /// <summary>Work items waited while every pool thread was busy (often blocked): the pool injected a thread.</summary>
    Starvation = 6,
    ThreadTimedOut = 7,
    CooperativeBlocking = 8,
}
