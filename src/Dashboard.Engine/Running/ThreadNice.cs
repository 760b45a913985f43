using System.Globalization;
using System.Runtime.InteropServices;

namespace Dashboard.Engine.Running;

/// <summary>
/// Lowers the scheduling priority of threads that run tasks, so a CPU-bound strategy saturating
/// every core still leaves the web server (normal priority) its share. On Linux the nice value
/// belongs to a thread, not a process: setpriority(PRIO_PROCESS, tid, ...) changes one thread,
/// and threads created later inherit their creator's value.
/// </summary>
public static partial class ThreadNice
{
    /// <summary>The nice value given to background threads (0 normal, 19 lowest).</summary>
    public const int BackgroundNice = 10;

    private const int PrioProcess = 0;

    [ThreadStatic]
    private static bool t_lowered;

    /// <summary>Lowers the calling thread once; false where unsupported or refused.</summary>
    public static bool LowerCurrentThread()
    {
        if (t_lowered)
        {
            return true;
        }

        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            t_lowered = setpriority(PrioProcess, gettid(), BackgroundNice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }

        return t_lowered;
    }

    /// <summary>Lowers every thread this process has now (a worker process calls it at start).</summary>
    public static int LowerAllThreads()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var lowered = 0;
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
                    && setpriority(PrioProcess, tid, BackgroundNice) == 0)
                {
                    lowered++;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // Best effort: a thread that exited mid-walk or a sandbox without /proc just stays at normal priority.
        }

        return lowered;
    }

    /// <summary>The nice value of a thread (Linux), read from /proc; null where unknown.</summary>
    public static int? ReadNice(int processId, int osThreadId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/task/{osThreadId}/stat");
            // Fields after the ")" that closes the command name: state is field 3, nice is field 19.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[16], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The calling thread's OS thread id (Linux), or null elsewhere.</summary>
    public static int? CurrentOsThreadId => OperatingSystem.IsLinux() ? gettid() : null;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int prio);

    [LibraryImport("libc")]
    private static partial int gettid();
}
