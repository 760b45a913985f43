using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Dashboard.Engine.Running;

/// <summary>
/// Reads this process's runtime counters from the runtime's own sources (<see cref="ThreadPool"/>,
/// <see cref="GC"/>) and the kernel's (<c>/proc/self/stat</c>: user and system CPU ticks, OS
/// threads, resident pages). Each <see cref="Read"/> is a raw reading; <see cref="Between"/> turns
/// two readings into a <see cref="CounterSample"/> (CPU percentages are deltas).
/// </summary>
public static partial class ProcessCounters
{
    private const int ScClkTck = 2; // sysconf name on Linux

    private static readonly double TicksPerSecond = ReadClockTicks();

    /// <summary>One raw reading.</summary>
    /// <param name="Timestamp">A <see cref="MonotonicClock"/> reading.</param>
    public readonly record struct Reading(
        long Timestamp, double UserSeconds, double SystemSeconds, int Threads, int PoolThreads, long PoolQueue,
        double GcPauseMs, long AllocatedBytes, long WorkingSetBytes)
    {
        /// <summary>The runtime events' totals (<see cref="RuntimeEventListener.Totals"/>); zero while no listener runs.</summary>
        public (long Contentions, long ContentionWaitNs, long Starvations) Runtime { get; init; }
    }

    /// <summary>Reads the counters now.</summary>
    public static Reading Read()
    {
        var timestamp = MonotonicClock.Now;
        double user, system;
        int threads;
        long rss;
        if (!TryReadProcStat("/proc/self/stat", out user, out system, out threads, out rss))
        {
            using var self = Process.GetCurrentProcess();
            user = self.UserProcessorTime.TotalSeconds;
            system = self.PrivilegedProcessorTime.TotalSeconds;
            threads = self.Threads.Count;
            rss = self.WorkingSet64;
        }

        return new Reading(timestamp, user, system, threads, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount,
            GC.GetTotalPauseDuration().TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: false), rss)
        {
            Runtime = RuntimeEventListener.IfStarted?.Totals() ?? default,
        };
    }

    /// <summary>The sample at <paramref name="now"/>; CPU over the time since <paramref name="previous"/>.</summary>
    /// <param name="origin">The repetition's start timestamp, which <see cref="CounterSample.T"/> counts from.</param>
    public static CounterSample Between(Reading previous, Reading now, long origin, int processId)
    {
        var wall = MonotonicClock.Seconds(previous.Timestamp, now.Timestamp);
        var user = wall > 0 ? Math.Max(0, now.UserSeconds - previous.UserSeconds) / wall * 100 : 0;
        var system = wall > 0 ? Math.Max(0, now.SystemSeconds - previous.SystemSeconds) / wall * 100 : 0;
        return new CounterSample(
            Math.Round(MonotonicClock.Seconds(origin, now.Timestamp), 6),
            processId,
            Math.Round(user + system, 1),
            Math.Round(user, 1),
            Math.Round(system, 1),
            now.Threads,
            now.PoolThreads,
            now.PoolQueue,
            Math.Round(now.GcPauseMs, 3),
            Math.Round(now.AllocatedBytes / 1048576.0, 3),
            Math.Round(now.WorkingSetBytes / 1048576.0, 3))
        {
            Contentions = Math.Max(0, now.Runtime.Contentions - previous.Runtime.Contentions),
            ContentionWaitMs = Math.Round(Math.Max(0, now.Runtime.ContentionWaitNs - previous.Runtime.ContentionWaitNs) / 1e6, 3),
            Starvations = Math.Max(0, now.Runtime.Starvations - previous.Runtime.Starvations),
        };
    }

    /// <summary>
    /// Fields 14 (utime), 15 (stime), 20 (num_threads) and 24 (rss) of a /proc/PID/stat file. The
    /// command name (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.
    /// False off Linux, or when the process has gone.
    /// </summary>
    internal static bool TryReadProcStat(string path, out double user, out double system, out int threads, out long rss)
    {
        user = system = 0;
        threads = 0;
        rss = 0;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 22)
        {
            return false;
        }

        // fields[0] is field 3 (state), so field n is fields[n - 3].
        user = long.Parse(fields[11], CultureInfo.InvariantCulture) / TicksPerSecond;
        system = long.Parse(fields[12], CultureInfo.InvariantCulture) / TicksPerSecond;
        threads = int.Parse(fields[17], CultureInfo.InvariantCulture);
        rss = long.Parse(fields[21], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        return true;
    }

    private static double ReadClockTicks()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 100;
        }

        try
        {
            var ticks = SysConf(ScClkTck);
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100; // USER_HZ is 100 on every mainstream Linux build
        }
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
