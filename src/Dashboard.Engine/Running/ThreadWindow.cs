using System.Runtime.CompilerServices;

namespace Dashboard.Engine.Running;

/// <summary>
/// One thread's CPU sample for <see cref="TaskFlow"/>: the segments that ended on the thread since
/// its last CPU clock read (its window), shared out when the window closes with the next read.
/// A thread that runs thousands of short continuations reads its clock about once per
/// <see cref="QuantumNanoseconds"/> instead of at both ends of every segment (the clock is a
/// system call), and each segment still gets CPU of its own thread only, at most its own wall time.
/// </summary>
/// <remarks>
/// How a window's CPU is shared: its short segments (under a quantum of wall time) are taken to
/// run on the core (a continuation from one await to the next) and share the CPU first, in
/// proportion to their wall time, up to their wall time; a long segment (it alone closes the
/// window, at its end) gets the rest, up to its wall time. A window opens with a read at a
/// segment's start when the thread's last read is older than a quantum, so CPU the thread spent
/// between segments (the pool's own work, the loop between starts) reaches a segment only from
/// less than a quantum before it, and never more than its wall. The run-queue delay is read only
/// when the window's segments were off their core (wall ahead of CPU by more than the slack), and
/// shared in proportion to each segment's time off the core. A sampled segment of a held thread
/// is given its wall time as CPU when it ends (<see cref="TaskFlow"/>, in the row write that records
/// it), and the share only corrects it: short segments of a thread that stayed on its core (their
/// share is their wall) cost no second write; a thread found gone takes it back. Every member runs under
/// <see cref="Gate"/>: the thread itself and <see cref="TaskFlow.Settle"/> (from another thread).
/// </remarks>
internal sealed class ThreadWindow
{
    /// <summary>
    /// A sampled thread reads its CPU clock again once this much wall time has passed since its last
    /// read (at a segment's end, or at a segment's start when the thread was idle): a read costs
    /// about a microsecond, so at most about 0.2 % of a busy thread.
    /// </summary>
    public const long QuantumNanoseconds = 500_000;

    /// <summary>Segments a window holds before it closes anyway (a thread of very short continuations).</summary>
    public const int MaxPending = 256;

    // Made at the first measured segment: a thread of its own per task holds one segment at a time
    // (a few slots), and one outside the split's sample none.
    // Provisional: the segment's wall time was already added as its CPU (TaskFlow.Leave); the share corrects it.
    private (TaskTimes Times, long WallNs, bool Provisional)[]? _pending;
    private long[]? _cpus;
    private int _count;

    // The thread's last CPU clock read, and when (0: none yet: the next segment reads at its start).
    private long _readAt;
    private long _readCpu;

    // The thread's run-queue delay at its last read (-1: not read yet).
    private long _lastDelay = -1;

    /// <summary>The lock every member runs under (the thread itself, and <see cref="TaskFlow.Settle"/> from another).</summary>
    public Lock Gate { get; } = new();

    public ThreadWindow(Thread thread, int osThreadId)
    {
        Thread = thread;
        OsThreadId = osThreadId;
    }

    /// <summary>The thread whose window this is (<see cref="TaskFlow.Settle"/> drops windows of threads that ended).</summary>
    public Thread Thread { get; }

    /// <summary>The thread's kernel id (0 for a thread that closes its window itself at every segment's end).</summary>
    public int OsThreadId { get; }

    /// <summary>The open segment on this thread: its task's times and its start (read by the owning thread only).</summary>
    public TaskTimes? Open;

    /// <summary>Start timestamp of <see cref="Open"/>.</summary>
    public long OpenStart;

    /// <summary>When the wait before <see cref="Open"/> was due (0: not known): <see cref="TaskFlow.Enter"/>.</summary>
    public long OpenDue;

    /// <summary>Whether the thread has a clock reading to share from (a segment ending now will be shared out).</summary>
    public bool HasBaseline => Volatile.Read(ref _readAt) != 0;

    /// <summary>
    /// Whether <see cref="Opening"/> at <paramref name="now"/> would read the clock: the owning
    /// thread asks without the lock (only it and <see cref="TaskFlow.Settle"/> move the last read,
    /// and Opening asks again under the lock), so a segment that opens soon after a read costs no lock.
    /// </summary>
    public bool ReadsAtOpening(long now, long staleNs)
    {
        var readAt = Volatile.Read(ref _readAt);
        return readAt == 0 || MonotonicClock.Nanoseconds(readAt, now) > staleNs;
    }

    /// <summary>
    /// A segment starts now on the owning thread: reads the CPU clock first when the last read is
    /// older than <paramref name="staleNs"/> (a quantum when sampled, the slack when every segment
    /// is read), closing the window of the segments before it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Opening(long now, long staleNs)
    {
        if (_readAt != 0 && MonotonicClock.Nanoseconds(_readAt, now) <= staleNs)
        {
            return;
        }

        var cpu = ThreadClock.CpuNanoseconds();
        if (cpu < 0)
        {
            return;
        }

        Close(cpu, now, ownThread: true);
        if (_lastDelay < 0)
        {
            // The thread's first measured segment: its run-queue delay so far is what later ones count from.
            _lastDelay = ThreadClock.RunQueueNanoseconds();
        }
    }

    /// <summary>
    /// A segment of <paramref name="times"/> that began at <paramref name="start"/> ends now on the
    /// owning thread; its CPU is read now when <paramref name="readNow"/> (every segment read, a
    /// thread per task), when it was long, when the thread's last read is a quantum old, or when
    /// the window is full; else it waits in the window.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Closing(TaskTimes times, long start, long end, bool readNow, bool provisional = false)
    {
        if (_readAt == 0)
        {
            // No baseline: the clock had no reading at the start (not Linux). Nothing to share.
            return;
        }

        var pending = _pending ??= new (TaskTimes, long, bool)[OsThreadId == 0 ? 4 : MaxPending];
        pending[_count++] = (times, Math.Max(0, MonotonicClock.Nanoseconds(start, end)), provisional);
        if (readNow || _count == pending.Length || MonotonicClock.Nanoseconds(_readAt, end) >= QuantumNanoseconds)
        {
            var cpu = ThreadClock.CpuNanoseconds();
            if (cpu >= 0)
            {
                Close(cpu, end, ownThread: true);
            }
        }
    }

    /// <summary>
    /// Closes the window from another thread (the repetition ended): reads the owning thread's
    /// clocks by its kernel id. False when the thread is gone (its segments keep no CPU).
    /// </summary>
    public bool Settle()
    {
        if (_count == 0)
        {
            return Thread.IsAlive;
        }

        var cpu = ThreadClock.CpuNanosecondsOf(OsThreadId);
        if (cpu < 0)
        {
            // The thread is gone: its segments keep no CPU, the wall they were given at once included.
            for (var i = 0; i < _count; i++)
            {
                if (_pending![i].Provisional)
                {
                    _pending[i].Times.AddSplit(-_pending[i].WallNs, 0);
                }
            }

            Array.Clear(_pending!, 0, _count);
            _count = 0;
            return false;
        }

        Close(cpu, MonotonicClock.Now, ownThread: false);
        return true;
    }

    /// <summary>Closes the window of the owning thread before it stops measuring (a thread per task ends, a held thread is released).</summary>
    public void Flush()
    {
        if (_count > 0 && ThreadClock.CpuNanoseconds() is var cpu and >= 0)
        {
            Close(cpu, MonotonicClock.Now, ownThread: true);
        }

        _count = 0;
        _readAt = 0;
        _lastDelay = -1;
    }

    /// <summary>Shares the CPU since the last read (and the run-queue delay when needed) among the pending segments; the read opens the next window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Close(long cpuNow, long now, bool ownThread)
    {
        if (_count > 0)
        {
            Share(Math.Max(0, cpuNow - _readCpu), ownThread);
            Array.Clear(_pending!, 0, _count);
            _count = 0;
        }

        _readAt = now;
        _readCpu = cpuNow;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Share(long cpu, bool ownThread)
    {
        var pending = _pending!;
        var cpus = _cpus ??= new long[pending.Length];
        // Short segments first, in proportion to their wall time, up to it; a long one (only the
        // window's last can be: it closed the window) gets what is left, up to its wall time.
        long shortWall = 0;
        for (var i = 0; i < _count; i++)
        {
            shortWall += pending[i].WallNs < QuantumNanoseconds ? pending[i].WallNs : 0;
        }

        var shortCpu = Math.Min(cpu, shortWall);
        var left = cpu - shortCpu;
        long offCore = 0;
        for (var i = 0; i < _count; i++)
        {
            var wall = pending[i].WallNs;
            long share;
            if (wall < QuantumNanoseconds)
            {
                share = shortWall == 0 ? 0 : (long)((double)shortCpu * wall / shortWall);
            }
            else
            {
                share = Math.Min(wall, left);
                left -= share;
            }

            cpus[i] = share;
            offCore += wall - share;
        }

        // The run-queue delay grows only while the thread is off its core: segments whose wall and
        // CPU advanced alike had none, and cost no procfs read (the common case: short continuations).
        long ready = 0;
        if (offCore > ThreadClock.ContinuousSlackNanoseconds && _lastDelay >= 0)
        {
            var delay = ownThread ? ThreadClock.RunQueueNanoseconds() : ThreadClock.RunQueueNanosecondsOf(OsThreadId);
            if (delay >= 0)
            {
                ready = Math.Clamp(delay - _lastDelay, 0, offCore);
                _lastDelay = delay;
            }
        }

        for (var i = 0; i < _count; i++)
        {
            var off = pending[i].WallNs - cpus[i];
            var readyShare = ready == 0 || off <= 0 ? 0 : (long)((double)ready * off / offCore);
            var cpuAdded = pending[i].Provisional ? cpus[i] - pending[i].WallNs : cpus[i];
            if (cpuAdded != 0 || readyShare != 0)
            {
                pending[i].Times.AddSplit(cpuAdded, readyShare);
            }
        }
    }
}
