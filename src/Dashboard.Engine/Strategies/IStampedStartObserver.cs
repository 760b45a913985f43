using Dashboard.Engine.Running;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// An observer (<see cref="ITaskLoopObserver"/>) that takes a task's start timestamp from the
/// loop, so the loop reads the clock once for the task's start and its first segment's start
/// (<see cref="OneWaitTasks.Start"/>): in process, the strategy's recorder.
/// </summary>
internal interface IStampedStartObserver
{
    /// <summary>The task started at <paramref name="timestamp"/> (a <see cref="MonotonicClock"/> reading just taken on the calling thread); returns the times its segments add up in.</summary>
    TaskTimes Started(int task, long timestamp);
}
