namespace Dashboard.Engine.Running;

/// <summary>
/// Follows a task from thread to thread: an <see cref="AsyncLocal{T}"/> holding its
/// <see cref="TaskTimes"/> flows with its execution context, and the runtime calls back whenever
/// a thread takes that context on (the task starts or a continuation resumes: a segment starts)
/// or drops it (an await suspends it, or it ends: the segment ends). Each segment reads the
/// thread's CPU clock and run-queue delay at both ends. Used in process by the strategies and in
/// worker processes alike.
/// </summary>
public static class TaskFlow
{
    private static readonly AsyncLocal<TaskTimes?> Current = new(OnChanged);

    [ThreadStatic]
    private static Segment? t_open;

    /// <summary>The task whose times are <paramref name="times"/> starts on the calling thread.</summary>
    public static void Begin(TaskTimes times) => Current.Value = times;

    /// <summary>The task running on the calling thread ends here; its segment on this thread ends.</summary>
    public static void End() => Current.Value = null;

    private static void OnChanged(AsyncLocalValueChangedArgs<TaskTimes?> change)
    {
        if (change.PreviousValue is { } previous)
        {
            Leave(previous);
        }

        if (change.CurrentValue is { } current)
        {
            Enter(current);
            if (change.ThreadContextChanged)
            {
                current.OnResumed(Environment.CurrentManagedThreadId);
            }
        }
    }

    private static void Enter(TaskTimes times)
    {
        var open = t_open ??= new Segment();
        open.Times = times;
        open.Start = MonotonicClock.Now;
        open.Cpu = times.Measure ? ThreadClock.CpuNanoseconds() : -1;
        open.RunQueue = times.Measure ? ThreadClock.RunQueueNanoseconds(open.Start, open.Cpu) : -1;
    }

    private static void Leave(TaskTimes times)
    {
        if (t_open is not { } open || !ReferenceEquals(open.Times, times))
        {
            return;
        }

        open.Times = null;
        var end = MonotonicClock.Now;
        var cpuNow = open.Cpu >= 0 ? ThreadClock.CpuNanoseconds() : -1;
        var cpu = open.Cpu >= 0 && cpuNow >= 0 ? cpuNow - open.Cpu : 0;
        var runQueue = open.RunQueue >= 0 ? ThreadClock.RunQueueNanoseconds(end, cpuNow) - open.RunQueue : 0;
        times.Add(Environment.CurrentManagedThreadId, open.Start, end, cpu, runQueue);
        if (open.RunQueue >= 0 && !ThreadClock.IsHeld)
        {
            // A thread of its own per task may be about to end; pool threads and held threads live on.
            ThreadClock.Release();
        }
    }

    /// <summary>The calling thread's open segment (reused: one per thread, never per segment).</summary>
    private sealed class Segment
    {
        public TaskTimes? Times;
        public long Start;
        public long Cpu;
        public long RunQueue;
    }
}
