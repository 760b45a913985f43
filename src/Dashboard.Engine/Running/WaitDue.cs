namespace Dashboard.Engine.Running;

/// <summary>
/// The moment a wait's continuation became due, carried by the wait's own task (its
/// <see cref="Task.AsyncState"/>) where the lab knows it: a <see cref="Workloads.SleepWheel"/>
/// slot's due time. From that moment to the task's next segment the task is ready, not waiting
/// (<see cref="TaskFlow.Enter"/>): its continuation is due and has not run yet.
/// </summary>
internal sealed class WaitDue(long timestamp)
{
    /// <summary>The <see cref="MonotonicClock"/> timestamp at which the wait was due.</summary>
    public long Timestamp { get; } = timestamp;

    /// <summary>The due timestamp <paramref name="wait"/> carries, or 0 when it carries none (the moment is not known).</summary>
    public static long Of(Task wait) => wait.AsyncState is WaitDue due ? due.Timestamp : 0;
}
