using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Dashboard.Engine.Running;

/// <summary>
/// The calling thread's own clocks: its CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>, user and system)
/// and the time it spent runnable but waiting for a core (the kernel's run-queue delay, the second
/// field of <c>/proc/thread-self/schedstat</c>). Both read in nanoseconds; -1 where the host has no
/// such clock (not Linux, or a kernel without scheduler statistics).
/// </summary>
public static partial class ThreadClock
{
    private const int ClockThreadCputimeId = 3; // Linux's CLOCK_THREAD_CPUTIME_ID

    private static readonly bool IsLinux = OperatingSystem.IsLinux();
    private static bool s_noSchedstat;

    // One open schedstat file per thread: a pread on it costs one syscall, an open three. A thread
    // that is not a pool thread closes it when its segment ends (Release), so a run of thousands of
    // short-lived threads holds no descriptors.
    [ThreadStatic]
    private static SafeFileHandle? t_schedstat;

    [ThreadStatic]
    private static byte[]? t_buffer;

    // A thread per task's raw schedstat descriptor, plus one (0: none open).
    [ThreadStatic]
    private static int t_rawSchedstat;

    private const int OpenReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC on Linux

    private static readonly byte[] SchedstatPath = "/proc/thread-self/schedstat\0"u8.ToArray();

    [ThreadStatic]
    private static bool t_held;

    /// <summary>
    /// Off-core or between-segment time a time split tolerates without reading again
    /// (<see cref="TaskFlow"/>): a segment off its core for at most this long is taken to have had no
    /// run-queue delay, and two segments that meet on a thread within it share one CPU reading.
    /// </summary>
    public const long ContinuousSlackNanoseconds = 5_000;

    /// <summary>The calling thread's CPU time in nanoseconds, or -1.</summary>
    public static long CpuNanoseconds()
    {
        if (!IsLinux)
        {
            return -1;
        }

        return ClockGetTime(ClockThreadCputimeId, out var now) == 0 ? (now.Seconds * 1_000_000_000L) + now.Nanoseconds : -1;
    }

    /// <summary>
    /// The CPU time of another thread of this process, by its kernel id, in nanoseconds, or -1 (it
    /// ended, or not Linux): the thread's CPU clock id is the one glibc's pthread_getcpuclockid makes.
    /// </summary>
    public static long CpuNanosecondsOf(int osThreadId)
    {
        if (!IsLinux || osThreadId <= 0)
        {
            return -1;
        }

        // MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED): ~tid << 3 | CPUCLOCK_PERTHREAD_MASK (4) | CPUCLOCK_SCHED (2).
        var clock = (int)(~(uint)osThreadId << 3) | 6;
        return ClockGetTime(clock, out var now) == 0 ? (now.Seconds * 1_000_000_000L) + now.Nanoseconds : -1;
    }

    /// <summary>The run-queue delay of another thread of this process, by its kernel id, in nanoseconds, or -1.</summary>
    public static long RunQueueNanosecondsOf(int osThreadId)
    {
        if (!IsLinux || osThreadId <= 0 || Volatile.Read(ref s_noSchedstat))
        {
            return -1;
        }

        try
        {
            Span<byte> buffer = stackalloc byte[96];
            using var handle = File.OpenHandle($"/proc/self/task/{osThreadId}/schedstat", FileMode.Open, FileAccess.Read);
            var read = RandomAccess.Read(handle, buffer, 0);
            return ParseSecondField(buffer[..read]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>The calling thread's kernel id (0 where there is none to read).</summary>
    public static int CurrentOsThreadId() => IsLinux ? GetTid() : 0;

    /// <summary>Nanoseconds the calling thread has spent runnable but not running since it started, or -1.</summary>
    public static long RunQueueNanoseconds()
    {
        if (!IsLinux || Volatile.Read(ref s_noSchedstat))
        {
            return -1;
        }

        if (!IsHeld)
        {
            return RunQueueOfShortThread();
        }

        try
        {
            var handle = t_schedstat ??= File.OpenHandle("/proc/thread-self/schedstat", FileMode.Open, FileAccess.Read);
            var buffer = t_buffer ??= new byte[96];
            var read = RandomAccess.Read(handle, buffer, 0);
            return ParseSecondField(buffer.AsSpan(0, read));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Volatile.Write(ref s_noSchedstat, true);
            return -1;
        }
    }

    /// <summary>
    /// A thread per task reads its schedstat at both ends of its one segment: through a raw
    /// descriptor (open, pread, close at <see cref="Release"/>), without the managed handle's
    /// advisory lock, status call and allocations, which cost a short task several system calls more.
    /// </summary>
    private static long RunQueueOfShortThread()
    {
        if (t_rawSchedstat == 0)
        {
            var fd = Open(ref MemoryMarshal.GetArrayDataReference(SchedstatPath), OpenReadOnlyCloseOnExec);
            if (fd < 0)
            {
                Volatile.Write(ref s_noSchedstat, true);
                return -1;
            }

            t_rawSchedstat = fd + 1;
        }

        Span<byte> buffer = stackalloc byte[96];
        var read = PRead(t_rawSchedstat - 1, ref MemoryMarshal.GetReference(buffer), buffer.Length, 0);
        return read > 0 ? ParseSecondField(buffer[..(int)read]) : -1;
    }

    /// <summary>
    /// Whether the calling thread keeps its schedstat file open between segments (<see cref="Hold"/>):
    /// pool threads and the lab's long-lived threads do, a thread per task does not.
    /// </summary>
    public static bool IsHeld => t_held || Thread.CurrentThread.IsThreadPoolThread;

    /// <summary>
    /// The calling thread runs many tasks (the async starter, a pool worker): its schedstat file
    /// stays open until <see cref="Release"/>, instead of being opened again for every task.
    /// </summary>
    public static void Hold() => t_held = true;

    /// <summary>Closes the calling thread's schedstat file (it is opened again when next read) and ends a <see cref="Hold"/>.</summary>
    public static void Release()
    {
        t_schedstat?.Dispose();
        t_schedstat = null;
        if (t_rawSchedstat != 0)
        {
            _ = CloseFd(t_rawSchedstat - 1);
            t_rawSchedstat = 0;
        }

        t_held = false;
    }

    /// <summary>"cpu_ns run_delay_ns slices": the second number, or -1.</summary>
    internal static long ParseSecondField(ReadOnlySpan<byte> text)
    {
        var space = text.IndexOf((byte)' ');
        if (space < 0)
        {
            return -1;
        }

        long value = 0;
        var digits = 0;
        for (var i = space + 1; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9'; i++, digits++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return digits > 0 ? value : -1;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = false)]
    private static partial int Open(ref byte path, int flags);

    [LibraryImport("libc", EntryPoint = "pread")]
    private static partial nint PRead(int fd, ref byte buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseFd(int fd);

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
