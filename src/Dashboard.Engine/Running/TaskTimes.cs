namespace Dashboard.Engine.Running;

/// <summary>
/// Adds up one task's segments as they end, on whichever thread they ran: CPU time and run-queue
/// delay per segment (<see cref="ThreadClock"/>), and the first <see cref="MaxSegments"/> segments
/// themselves. Thread-safe: a task's pieces may run on several threads at once.
/// </summary>
public sealed class TaskTimes
{
    /// <summary>Segments kept per task; later ones still count in the sums.</summary>
    public const int MaxSegments = 64;

    private readonly Lock _lock = new();
    private List<(int Thread, long Start, long End)>? _segments;
    private long _cpuNs;
    private long _readyNs;

    /// <summary>Called on the thread a segment starts on (the task resumed there), with its managed id.</summary>
    public Action<int>? Resumed { get; init; }

    /// <summary>Whether segments read the thread clocks (false: segments only, for the overhead benchmark).</summary>
    public bool Measure { get; init; } = true;

    /// <summary>How many segments ended.</summary>
    public int SegmentCount { get; private set; }

    internal void Add(int thread, long start, long end, long cpuNs, long readyNs)
    {
        lock (_lock)
        {
            SegmentCount++;
            _cpuNs += Math.Max(0, cpuNs);
            _readyNs += Math.Max(0, readyNs);
            _segments ??= new List<(int, long, long)>(2);
            if (_segments.Count < MaxSegments)
            {
                _segments.Add((thread, start, end));
            }
        }
    }

    /// <summary>The sums so far, capped at <paramref name="spanSeconds"/> each (pieces running side by side can add up to more than the span).</summary>
    public TaskTiming Snapshot(double spanSeconds)
    {
        lock (_lock)
        {
            var segments = _segments is null ? null : _segments.ToArray();
            if (!Measure)
            {
                return new TaskTiming(null, null, segments);
            }

            var span = Math.Max(0, spanSeconds);
            var cpu = Math.Min(span, _cpuNs / 1e9);
            var ready = Math.Min(span - cpu, _readyNs / 1e9);
            return new TaskTiming(Math.Round(cpu, 6), Math.Round(ready, 6), segments);
        }
    }
}
