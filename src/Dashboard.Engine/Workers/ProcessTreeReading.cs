using System.Globalization;
using Dashboard.Engine.Running;

namespace Dashboard.Engine.Workers;

/// <summary>
/// The kernel's counters of a process and its descendants (a Python twin's runner and the
/// interpreters its multiprocessing pool starts), summed: user and system CPU seconds, OS threads
/// and resident bytes, read from <c>/proc/PID/stat</c>; the descendants from
/// <c>/proc/PID/task/TID/children</c>. Linux only: elsewhere, and for a process that has exited (or is a zombie),
/// <see cref="TryRead"/> returns false.
/// </summary>
internal readonly record struct ProcessTreeReading(long Timestamp, double UserSeconds, double SystemSeconds, int Threads, long ResidentBytes, int Processes)
{
    /// <summary>At most this many processes are read per tree (a runner's pool has a few).</summary>
    public const int MaxProcesses = 64;

    /// <summary>Reads the tree rooted at <paramref name="processId"/> now.</summary>
    public static bool TryRead(int processId, long timestamp, out ProcessTreeReading reading)
    {
        reading = default;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        double user = 0, system = 0;
        int threads = 0, processes = 0;
        long resident = 0;
        var pending = new Stack<int>();
        pending.Push(processId);
        while (pending.Count > 0 && processes < MaxProcesses)
        {
            var pid = pending.Pop();
            // A process that exited but is not yet reaped (a zombie) still has a stat file, with no memory.
            if (!ProcessCounters.TryReadProcStat($"/proc/{pid}/stat", out var u, out var s, out var t, out var rss) || rss == 0)
            {
                if (pid == processId)
                {
                    return false;
                }

                continue; // a child that exited between the listing and the read
            }

            processes++;
            user += u;
            system += s;
            threads += t;
            resident += rss;
            foreach (var child in Children(pid))
            {
                pending.Push(child);
            }
        }

        reading = new ProcessTreeReading(timestamp, user, system, threads, resident, processes);
        return true;
    }

    private static IEnumerable<int> Children(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var task in tasks)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var child))
                {
                    yield return child;
                }
            }
        }
    }
}
