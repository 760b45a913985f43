using System.Globalization;

namespace Dashboard.Engine.Workers;

/// <summary>
/// The kernel's counters of a process and its descendants (a Python twin's runner and the
/// interpreters its multiprocessing pool starts), summed: user and system CPU seconds, OS threads
/// and resident bytes, read from <c>/proc/PID/stat</c>; the descendants from
/// <c>/proc/PID/task/TID/children</c>. Linux only: elsewhere, and for a process that has exited,
/// <see cref="TryRead"/> returns false.
/// </summary>
internal readonly record struct ProcessTreeReading(long Timestamp, double UserSeconds, double SystemSeconds, int Threads, long ResidentBytes, int Processes)
{
    /// <summary>At most this many processes are read per tree (a runner's pool has a few).</summary>
    public const int MaxProcesses = 64;

    private static readonly double TicksPerSecond = 100; // USER_HZ is 100 on every mainstream Linux build

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
            if (!TryReadStat(pid, out var u, out var s, out var t, out var rss))
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

    private static bool TryReadStat(int pid, out double user, out double system, out int threads, out long rss)
    {
        user = system = 0;
        threads = 0;
        rss = 0;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
        var close = text.LastIndexOf(')');
        var fields = close < 0 ? [] : text[(close + 2)..].Split(' ');
        if (fields.Length < 22)
        {
            return false;
        }

        user = long.Parse(fields[11], CultureInfo.InvariantCulture) / TicksPerSecond;
        system = long.Parse(fields[12], CultureInfo.InvariantCulture) / TicksPerSecond;
        threads = int.Parse(fields[17], CultureInfo.InvariantCulture);
        rss = long.Parse(fields[21], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
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
