using Dashboard.Engine.Running;

namespace Dashboard.Engine.Workers;

/// <summary>One task event inside a worker; the lane is the worker's pid and <paramref name="ThreadId"/>.</summary>
/// <param name="Timestamp">A <see cref="MonotonicClock"/> reading taken in the worker (same clock as the parent).</param>
/// <param name="ProcessId">
/// The process the task ran in when it is not the one the parent started (the Python twins'
/// process pools); null = the started process.
/// </param>
public sealed record WorkerTaskMessage(
    int Task,
    TaskEventKind Kind,
    long Timestamp,
    int ThreadId,
    string? Detail = null,
    int? ProcessId = null) : WorkerMessage
{
    /// <summary>Ended messages: seconds the task spent on a core (<see cref="TaskTiming.Cpu"/>); null when not measured.</summary>
    public double? Cpu { get; init; }

    /// <summary>Ended messages: seconds it was runnable but not running (<see cref="TaskTiming.Ready"/>); null when not measured.</summary>
    public double? Ready { get; init; }

    /// <summary>
    /// Ended messages: the task's segments as (thread id, start, end) triples of worker timestamps,
    /// flattened; null when it never left one thread.
    /// </summary>
    public long[]? Segments { get; init; }

    /// <summary>Started messages: when the worker received the task (a <see cref="MonotonicClock"/> reading); null when unknown.</summary>
    public long? Received { get; init; }

    /// <summary>The split this message carries, with segments, or null.</summary>
    public TaskTiming? Timing()
    {
        if (Cpu is null && Ready is null && Segments is null)
        {
            return null;
        }

        List<(int, long, long)>? segments = null;
        if (Segments is { Length: >= 3 } flat)
        {
            segments = new List<(int, long, long)>(flat.Length / 3);
            for (var i = 0; i + 2 < flat.Length && segments.Count < TaskTimes.MaxSegments; i += 3)
            {
                segments.Add(((int)flat[i], flat[i + 1], flat[i + 2]));
            }
        }

        return new TaskTiming(Cpu is { } cpu ? Math.Max(0, cpu) : null, Ready is { } ready ? Math.Max(0, ready) : null, segments);
    }

    /// <summary>A task's segments flattened for the wire, or null when it never left one thread.</summary>
    public static long[]? Flatten(TaskTiming timing)
    {
        if (timing.Segments is not { Count: > 1 } segments || segments.All(s => s.Thread == segments[0].Thread))
        {
            return null;
        }

        var flat = new long[segments.Count * 3];
        for (var i = 0; i < segments.Count; i++)
        {
            (flat[3 * i], flat[(3 * i) + 1], flat[(3 * i) + 2]) = (segments[i].Thread, segments[i].Start, segments[i].End);
        }

        return flat;
    }
}
