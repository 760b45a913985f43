namespace Dashboard.Engine.Running;

/// <summary>
/// The thread pool changed its number of worker threads (the runtime's
/// <c>ThreadPoolWorkerThreadAdjustmentAdjustment</c> event).
/// </summary>
/// <param name="T">Seconds since the repetition started (the spans' axis).</param>
/// <param name="Process">The process whose pool it was.</param>
/// <param name="Threads">The pool's new worker thread count.</param>
/// <param name="Reason">Why, as the runtime says (<see cref="PoolAdjustmentReason.Starvation"/> = 6: queued work was waiting and no thread came free).</param>
public sealed record PoolAdjustment(double T, int Process, int Threads, PoolAdjustmentReason Reason)
{
    /// <summary>The runtime's number for <see cref="Reason"/> (6 = starvation).</summary>
    public int ReasonCode => (int)Reason;
}
