namespace Dashboard.Engine.Running;

/// <summary>
/// Where one task's time went, as measured where it ran (see <see cref="TaskTimes"/>).
/// </summary>
/// <param name="Cpu">Seconds its threads spent on a core running it (user and system); null when not measured.</param>
/// <param name="Ready">
/// Seconds it was runnable but not running: waiting in the OS run queue for a core, (Python
/// threads) for the GIL, or a continuation due but not yet run (<see cref="Statistics.TimeSplit"/>).
/// </param>
/// <param name="Segments">Its stretches on threads, absolute <see cref="MonotonicClock"/> timestamps; null when not recorded.</param>
public sealed record TaskTiming(double? Cpu, double? Ready, IReadOnlyList<(int Thread, long Start, long End)>? Segments = null)
{
    /// <summary>
    /// The same timing with CPU and ready each capped to a span of <paramref name="spanSeconds"/>
    /// (together at most the span): a worker's clocks and the run queue's counters are read a
    /// little outside the span's own timestamps.
    /// </summary>
    public TaskTiming Within(double spanSeconds)
    {
        var (cpu, ready) = Within(Cpu, Ready, spanSeconds);
        return this with { Cpu = cpu, Ready = ready };
    }

    /// <summary>
    /// The segments on a repetition's time axis (seconds since <paramref name="origin"/>), each
    /// clipped to the span [<paramref name="start"/>, <paramref name="end"/>] (a segment opens and
    /// closes just outside the span's own timestamps); null when the task never left one thread
    /// (nothing to link, and nothing worth storing per task).
    /// </summary>
    public IReadOnlyList<TaskSegment>? SegmentsFrom(long origin, double start, double end) => SegmentsFrom(Segments, origin, start, end);

    /// <summary>CPU and ready seconds capped to a span, rounded to the microsecond (<see cref="Within(double)"/>).</summary>
    internal static (double? Cpu, double? Ready) Within(double? cpuSeconds, double? readySeconds, double spanSeconds)
    {
        var span = Math.Max(0, spanSeconds);
        var cpu = cpuSeconds is { } c ? Math.Round(Math.Min(span, c), 6) : (double?)null;
        var ready = readySeconds is { } r ? Math.Round(Math.Max(0, Math.Min(span - (cpu ?? 0), r)), 6) : (double?)null;
        return (cpu, ready);
    }

    /// <inheritdoc cref="SegmentsFrom(long, double, double)"/>
    internal static TaskSegment[]? SegmentsFrom(IReadOnlyList<(int Thread, long Start, long End)>? segments, long origin, double start, double end)
    {
        if (segments is null || !Hopped(segments))
        {
            return null;
        }

        var clipped = new TaskSegment[segments.Count];
        for (var i = 0; i < clipped.Length; i++)
        {
            var (thread, from, to) = segments[i];
            clipped[i] = new TaskSegment(thread, Clip(MonotonicClock.Seconds(origin, from), start, end), Clip(MonotonicClock.Seconds(origin, to), start, end));
        }

        return clipped;
    }

    private static bool Hopped(IReadOnlyList<(int Thread, long Start, long End)> segments)
    {
        for (var i = 1; i < segments.Count; i++)
        {
            if (segments[i].Thread != segments[0].Thread)
            {
                return true;
            }
        }

        return false;
    }

    private static double Clip(double seconds, double start, double end) => Math.Round(Math.Clamp(seconds, start, Math.Max(start, end)), 6);
}
