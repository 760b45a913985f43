namespace Dashboard.Engine.Running;

/// <summary>
/// Follows a task from thread to thread: an <see cref="AsyncLocal{T}"/> holding its
/// <see cref="TaskTimes"/> flows with its execution context, and the runtime calls back whenever
/// a thread takes that context on (the task starts or a continuation resumes: a segment starts)
/// or drops it (an await suspends it, or it ends: the segment ends). Each segment reads the
/// thread's CPU clock at both ends (one read serves two segments that meet on a thread), and its
/// run-queue delay only when it was off its core. Used in process by the strategies and in
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
        var now = MonotonicClock.Now;
        open.Start = now;
        if (!times.Measure)
        {
            open.Cpu = -1;
            return;
        }

        // Back to back with the segment that just ended on this thread (the starter thread's next
        // task, a pool thread's next continuation): that segment's closing CPU reading opens this
        // one, one clock read for both. The CPU spent in between (at most the slack) counts here.
        open.Cpu = open.LastEnd != 0 && MonotonicClock.Nanoseconds(open.LastEnd, now) <= ThreadClock.ContinuousSlackNanoseconds
            ? open.LastCpu
            : ThreadClock.CpuNanoseconds();
        if (open.LastDelay < 0 && open.Cpu >= 0)
        {
            // The thread's first measured segment: its run-queue delay so far is what later ones count from.
            open.LastDelay = ThreadClock.RunQueueNanoseconds();
        }
    }

    private static void Leave(TaskTimes times)
    {
        if (t_open is not { } open || !ReferenceEquals(open.Times, times))
        {
            return;
        }

        open.Times = null;
        var end = MonotonicClock.Now;
        long cpu = 0;
        long ready = 0;
        var cpuNow = open.Cpu >= 0 ? ThreadClock.CpuNanoseconds() : -1;
        if (cpuNow >= 0)
        {
            cpu = Math.Max(0, cpuNow - open.Cpu);
            open.LastEnd = end;
            open.LastCpu = cpuNow;

            // The run-queue delay grows only while the thread is off its core: a segment whose wall
            // and CPU advanced alike had none, and costs no procfs read (the common case: a short
            // continuation). Otherwise the delay gathered since the thread's last read counts, at
            // most this segment's time off the core: a continuation that waited for a core before
            // it began is ready time of its task too.
            var offCore = MonotonicClock.Nanoseconds(open.Start, end) - cpu;
            if (offCore > ThreadClock.ContinuousSlackNanoseconds && open.LastDelay >= 0
                && ThreadClock.RunQueueNanoseconds() is var delay and >= 0)
            {
                ready = Math.Clamp(delay - open.LastDelay, 0, offCore);
                open.LastDelay = delay;
            }
        }

        times.Add(Environment.CurrentManagedThreadId, open.Start, end, cpu, ready);
        if (open.LastDelay >= 0 && !ThreadClock.IsHeld)
        {
            // A thread of its own per task may be about to end; pool threads and held threads live on.
            ThreadClock.Release();
            open.LastDelay = -1;
            open.LastEnd = 0;
        }
    }

    /// <summary>
    /// The calling thread's open segment and its last readings (reused: one per thread, never per
    /// segment).
    /// </summary>
    private sealed class Segment
    {
        public TaskTimes? Times;
        public long Start;
        public long Cpu;

        // The last segment's end on this thread and its CPU clock then (0: none to share).
        public long LastEnd;
        public long LastCpu;

        // The thread's run-queue delay at its last read (-1: not read yet).
        public long LastDelay = -1;
    }
}
