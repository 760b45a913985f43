namespace Dashboard.Engine.Running;

/// <summary>
/// Where one task's time went, as measured where it ran (see <see cref="TaskTimes"/>).
/// </summary>
/// <param name="Cpu">Seconds its threads spent on a core running it (user and system); null when not measured.</param>
/// <param name="Ready">
/// Seconds it was runnable but not running: waiting in the OS run queue for a core, or (Python
/// threads) for the GIL.
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
        var span = Math.Max(0, spanSeconds);
        var cpu = Cpu is { } c ? Math.Round(Math.Min(span, c), 6) : (double?)null;
        var ready = Ready is { } r ? Math.Round(Math.Max(0, Math.Min(span - (cpu ?? 0), r)), 6) : (double?)null;
        return this with { Cpu = cpu, Ready = ready };
    }

    /// <summary>
    /// The segments on a repetition's time axis (seconds since <paramref name="origin"/>), each
    /// clipped to the span [<paramref name="start"/>, <paramref name="end"/>] (a segment opens and
    /// closes just outside the span's own timestamps); null when the task never left one thread
    /// (nothing to link, and nothing worth storing per task).
    /// </summary>
    public IReadOnlyList<TaskSegment>? SegmentsFrom(long origin, double start, double end) => Segments is null || Segments.All(s => s.Thread == Segments[0].Thread)
        ? null
        : Segments.Select(s => new TaskSegment(s.Thread, Clip(MonotonicClock.Seconds(origin, s.Start), start, end), Clip(MonotonicClock.Seconds(origin, s.End), start, end)))
        .ToArray();

    private static double Clip(double seconds, double start, double end) => Math.Round(Math.Clamp(seconds, start, Math.Max(start, end)), 6);
}
