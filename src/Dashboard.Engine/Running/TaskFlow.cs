using System.Runtime.CompilerServices;

namespace Dashboard.Engine.Running;

/// <summary>
/// Follows a task from thread to thread: an <see cref="AsyncLocal{T}"/> holding its
/// <see cref="TaskTimes"/> flows with its execution context, and the runtime calls back whenever
/// a thread takes that context on (the task starts or a continuation resumes: a segment starts)
/// or drops it (an await suspends it, or it ends: the segment ends). Each thread keeps a
/// <see cref="ThreadWindow"/>: a task whose times are <see cref="TaskTimes.Sampled"/> (the lab's
/// in-process tasks) has its segments' CPU read about once per quantum per thread and shared out,
/// completed by <see cref="Settle"/> when the repetition ends; other tasks (a worker process's)
/// read at both ends of each segment (one read serves two segments that meet on a thread). The
/// run-queue delay is read only when segments were off their core. A task whose async form is one
/// wait is followed by its loop instead (<see cref="Strategies.TaskLoop"/> calls <see cref="Enter"/>
/// and <see cref="Leave"/> where its two segments begin and end): same windows, no AsyncLocal.
/// </summary>
public static class TaskFlow
{
    private static readonly AsyncLocal<TaskTimes?> Current = new(OnChanged);

    // Windows that may hold segments after their thread's last segment ended (pool threads and
    // held lab threads); a thread per task closes its own window when its segment ends.
    private static readonly List<ThreadWindow> Windows = [];

    [ThreadStatic]
    private static ThreadWindow? t_window;

    /// <summary>The task whose times are <paramref name="times"/> starts on the calling thread.</summary>
    public static void Begin(TaskTimes times) => Current.Value = times;

    /// <summary>The task running on the calling thread ends here; its segment on this thread ends.</summary>
    public static void End() => Current.Value = null;

    /// <summary>
    /// Shares out every thread's pending CPU (reading each thread's clocks by its kernel id), so the
    /// sums of <see cref="TaskTimes.Sampled"/> times are complete for the segments ended so far.
    /// Call when a repetition's tasks have ended, before reading their times; drops the windows of
    /// threads that have ended.
    /// </summary>
    public static void Settle()
    {
        lock (Windows)
        {
            for (var i = Windows.Count - 1; i >= 0; i--)
            {
                var window = Windows[i];
                bool alive;
                lock (window.Gate)
                {
                    alive = window.Settle();
                }

                if (!alive)
                {
                    Windows.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>
    /// The calling thread stops measuring (a held lab thread is done): its pending segments get
    /// their CPU now, and its schedstat file closes (<see cref="ThreadClock.Release"/>).
    /// </summary>
    public static void ReleaseThread()
    {
        if (t_window is { } window)
        {
            lock (window.Gate)
            {
                window.Flush();
            }

            if (window.OsThreadId != 0)
            {
                lock (Windows)
                {
                    Windows.Remove(window);
                }
            }

            t_window = null;
        }

        ThreadClock.Release();
    }

    private static void OnChanged(AsyncLocalValueChangedArgs<TaskTimes?> change)
    {
        if (change.PreviousValue is { } previous)
        {
            Leave(previous);
        }

        if (change.CurrentValue is { } current)
        {
            Enter(current, resumed: change.ThreadContextChanged);
        }
    }

    /// <summary>
    /// A segment of <paramref name="times"/> starts on the calling thread; <paramref name="resumed"/>
    /// when a continuation of the task starts it (the thread is noted: a hop when it differs from
    /// the last). The AsyncLocal's callback calls it, and a loop that follows its task itself.
    /// <paramref name="dueAt"/>, when not 0, is the moment the wait before this segment completed
    /// (<see cref="WaitDue"/>; a one-wait group's continuation start): from it to now the task was
    /// ready, not waiting; counted when the segment ends, at most the gap since its last segment.
    /// </summary>
    internal static void Enter(TaskTimes times, bool resumed, long dueAt = 0)
    {
        Open(times, dueAt, MonotonicClock.Now);
        if (resumed)
        {
            times.OnResumed(Environment.CurrentManagedThreadId);
        }
    }

    /// <summary>
    /// A task's first segment starts on the calling thread at <paramref name="start"/>, the task's
    /// own start timestamp just read by its loop: one clock read for the start and the segment.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void EnterAt(TaskTimes times, long start) => Open(times, 0, start);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Open(TaskTimes times, long dueAt, long now)
    {
        var window = t_window ?? NewWindow();
        window.Open = times;
        window.OpenStart = now;
        window.OpenDue = dueAt;
        var staleNs = times.Sampled ? ThreadWindow.QuantumNanoseconds : ThreadClock.ContinuousSlackNanoseconds;
        // Most segments of a busy thread open within a quantum of its last read: nothing to do, no lock.
        if (times.Measure && window.ReadsAtOpening(now, staleNs) && !times.OutsideSample)
        {
            lock (window.Gate)
            {
                window.Opening(now, staleNs);
            }
        }
    }

    /// <summary>The segment of <paramref name="times"/> open on the calling thread ends (none open: nothing happens).</summary>
    internal static void Leave(TaskTimes times)
    {
        if (t_window is { } window && ReferenceEquals(window.Open, times))
        {
            Close(window, times, MonotonicClock.Now);
        }
    }

    /// <summary>
    /// The segment of <paramref name="times"/> open on the calling thread ended at
    /// <paramref name="end"/>, a clock reading just taken on this thread that the caller also uses
    /// for what comes next (the start loop: the next task's start).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void LeaveAt(TaskTimes times, long end)
    {
        if (t_window is { } window && ReferenceEquals(window.Open, times))
        {
            Close(window, times, end);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Close(ThreadWindow window, TaskTimes times, long end)
    {
        window.Open = null;
        var start = window.OpenStart;
        var measured = times.Measure && !times.OutsideSample;
        var held = window.OsThreadId != 0;

        // A sampled segment of a held thread counts its wall time as CPU at once, in the row write it
        // costs anyway; the window corrects it when it next reads the clock, and a short segment of a
        // thread that stayed on its core (the common case) needs no correction: no second row write.
        var provisional = measured && times.Sampled && held && window.HasBaseline;
        times.Add(Environment.CurrentManagedThreadId, start, end, provisional ? Math.Max(0, MonotonicClock.Nanoseconds(start, end)) : 0, 0, window.OpenDue);
        if (!measured)
        {
            return;
        }

        // A thread of its own per task may be about to end: it shares out its CPU now and closes its
        // schedstat file; pool threads and held threads live on and read about once per quantum.
        lock (window.Gate)
        {
            window.Closing(times, start, end, readNow: !times.Sampled || !held, provisional);
            if (!held)
            {
                window.Flush();
            }
        }

        if (!held)
        {
            ThreadClock.Release();
        }
    }

    private static ThreadWindow NewWindow()
    {
        // Pool threads and held lab threads may end a repetition with segments still in their
        // window: Settle reads their clocks from another thread, by kernel id.
        var held = ThreadClock.IsHeld;
        var window = new ThreadWindow(Thread.CurrentThread, held ? ThreadClock.CurrentOsThreadId() : 0);
        if (window.OsThreadId != 0)
        {
            lock (Windows)
            {
                Windows.Add(window);
            }
        }

        t_window = window;
        return window;
    }
}
