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
    /// The segments on a repetition's time axis (seconds since <paramref name="origin"/>); null
    /// when the task never left one thread (nothing to link, and nothing worth storing per task).
    /// </summary>
    public IReadOnlyList<TaskSegment>? SegmentsFrom(long origin) => Segments is null || Segments.All(s => s.Thread == Segments[0].Thread)
        ? null
        : Segments.Select(s => new TaskSegment(s.Thread, Math.Round(MonotonicClock.Seconds(origin, s.Start), 6), Math.Round(MonotonicClock.Seconds(origin, s.End), 6)))
        .ToArray();
}
