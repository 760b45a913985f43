using System.Globalization;

namespace Dashboard.Web.Tests.Faults;

/// <summary>
/// What this process has left behind, read from Linux's /proc: processes (a zombie that was never
/// reaped still has its /proc/&lt;pid&gt;) and the engine's task threads, which it names "lab ...".
/// </summary>
internal static class ProcessProbe
{
    /// <summary>Prefix of every thread name the engine's strategies give their task threads.</summary>
    public const string LabThreadPrefix = "lab ";

    /// <summary>
    /// How long a finished run may take to let go of its processes and threads: generous, since a
    /// loaded machine reaps late, and a leak stays however long one waits.
    /// </summary>
    public static readonly TimeSpan SettlePatience = TimeSpan.FromSeconds(60);

    public static bool Exists(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>Child processes of this process (the app starts none but workers), with their name and state.</summary>
    public static IReadOnlyList<string> Children()
    {
        var self = Environment.ProcessId;
        var children = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var stat = TryRead($"{dir}/stat");
            if (stat is null)
            {
                continue; // gone while we looked
            }

            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            if (fields.Length > 1 && int.Parse(fields[1], CultureInfo.InvariantCulture) == self)
            {
                children.Add($"{pid} {stat[(stat.IndexOf('(') + 1)..close]} state {fields[0]}");
            }
        }

        return children;
    }

    /// <summary>Names of this process's threads that the engine started ("lab sequential", "lab task 3", ...).</summary>
    public static IReadOnlyList<string> LabThreads()
    {
        var names = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (TryRead($"{dir}/comm")?.TrimEnd('\n') is { } name && name.StartsWith(LabThreadPrefix, StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>This process's thread count ("Threads:" in /proc/self/status).</summary>
    public static int ThreadCount()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Threads:", StringComparison.Ordinal));
        return int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Polls until <paramref name="leftOver"/> returns nothing or <see cref="SettlePatience"/> has passed;
    /// returns what was still there at the end (empty = clean) and how long it waited.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Left, TimeSpan Waited)> SettleAsync(Func<IReadOnlyList<string>> leftOver)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            var left = leftOver();
            var waited = DateTime.UtcNow - started;
            if (left.Count == 0 || waited >= SettlePatience)
            {
                return (left, waited);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Worker pids that still have a /proc entry (alive or an unreaped zombie).</summary>
    public static IReadOnlyList<string> StillThere(IEnumerable<int> pids) =>
        pids.Where(Exists).Select(pid => $"{pid} ({TryRead($"/proc/{pid}/stat") ?? "gone"})").ToList();

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
