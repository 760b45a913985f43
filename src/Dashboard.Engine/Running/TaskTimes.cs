namespace Dashboard.Engine.Running;

/// <summary>
/// Adds up one task's segments as they end, on whichever thread they ran: CPU time and run-queue
/// delay per segment (<see cref="TaskFlow"/>), and the first <see cref="MaxSegments"/> segments
/// themselves. Thread-safe: a task's pieces may run on several threads at once.
/// </summary>
/// <remarks>
/// One lives per task in flight (a million at once for hello async), so it is kept small: the
/// first two segments inline (a task that awaits once has two), later ones in a list made only
/// when needed, and the instance itself as the lock. The recorder's state of a task extends it,
/// so that a task in flight in the lab is one object, not two.
/// </remarks>
public class TaskTimes
{
    /// <summary>Segments kept per task; later ones still count in the sums.</summary>
    public const int MaxSegments = 64;

    private long _cpuNs;
    private long _readyNs;
    private (int Thread, long Start, long End) _first;
    private (int Thread, long Start, long End) _second;
    private List<(int Thread, long Start, long End)>? _more;
    private bool _outsideSample;
    private bool _frozen;

    /// <summary>Whether segments read the thread clocks (false: segments only, for the overhead benchmark).</summary>
    public bool Measure { get; init; } = true;

    /// <summary>
    /// Whether its segments' CPU may be read per thread about once per quantum and shared among the
    /// segments that ended in it (<see cref="ThreadWindow"/>), instead of at both ends of each
    /// segment: the sums are complete only after <see cref="TaskFlow.Settle"/> (the lab's recorder,
    /// which reads them when the repetition has ended). False: complete when the segment ends (a
    /// worker process sends them with the task's end).
    /// </summary>
    public bool Sampled { get; init; }

    /// <summary>
    /// Whether it ran on a thread of its own outside the split's sample (<see cref="SplitSample"/>):
    /// its segments are recorded, its split is not measured.
    /// </summary>
    public bool OutsideSample => Volatile.Read(ref _outsideSample);

    /// <summary>How many segments ended.</summary>
    public int SegmentCount { get; private set; }

    /// <summary>CPU nanoseconds summed over the segments so far (read under the lock).</summary>
    private protected long CpuNanoseconds => _cpuNs;

    /// <summary>Run-queue nanoseconds summed over the segments so far (read under the lock).</summary>
    private protected long ReadyNanoseconds => _readyNs;

    /// <summary>The task resumed on <paramref name="thread"/> (a segment starts there on another thread than the last).</summary>
    internal virtual void OnResumed(int thread)
    {
    }

    /// <summary>Its thread of its own was left out of the split's sample: its split stays unmeasured.</summary>
    internal void LeaveOutOfSample() => Volatile.Write(ref _outsideSample, true);

    /// <summary>CPU and run-queue nanoseconds of segments already added (a thread's window shared them out).</summary>
    internal void AddSplit(long cpuNs, long readyNs)
    {
        lock (this)
        {
            if (_frozen)
            {
                return;
            }

            _cpuNs += Math.Max(0, cpuNs);
            _readyNs += Math.Max(0, readyNs);
        }
    }

    internal void Add(int thread, long start, long end, long cpuNs, long readyNs)
    {
        lock (this)
        {
            if (_frozen)
            {
                return;
            }

            var index = SegmentCount++;
            _cpuNs += Math.Max(0, cpuNs);
            _readyNs += Math.Max(0, readyNs);
            if (index == 0)
            {
                _first = (thread, start, end);
            }
            else if (index == 1)
            {
                _second = (thread, start, end);
            }
            else if (index < MaxSegments)
            {
                (_more ??= new List<(int, long, long)>(2)).Add((thread, start, end));
            }
        }
    }

    /// <summary>
    /// Keeps the times as they are: segments and CPU shared out later (a thread's window settled
    /// after the spans were taken) are ignored, so a span read twice says the same.
    /// </summary>
    internal void Freeze()
    {
        lock (this)
        {
            _frozen = true;
        }
    }

    /// <summary>The sums so far, capped at <paramref name="spanSeconds"/> each (pieces running side by side can add up to more than the span).</summary>
    public TaskTiming Snapshot(double spanSeconds)
    {
        lock (this)
        {
            var segments = Segments(SegmentCount);
            if (!Measure || OutsideSample)
            {
                return new TaskTiming(null, null, segments);
            }

            var (cpu, ready) = TaskTiming.Within(_cpuNs / 1e9, _readyNs / 1e9, spanSeconds);
            return new TaskTiming(cpu, ready, segments);
        }
    }

    /// <summary>The first <paramref name="count"/> segments (at most <see cref="MaxSegments"/>) in the order they began; null for none. Call under the lock.</summary>
    private protected (int Thread, long Start, long End)[]? Segments(int count)
    {
        if (count == 0)
        {
            return null;
        }

        var segments = new (int Thread, long Start, long End)[Math.Min(count, MaxSegments)];
        segments[0] = _first;
        if (segments.Length > 1)
        {
            segments[1] = _second;
            _more?.CopyTo(0, segments, 2, segments.Length - 2);

            // Segments are added as they end: a thread preempted before it left the task's context
            // ends its segment after the continuation's began elsewhere. Kept in the order they began.
            Array.Sort(segments, static (a, b) => a.Start.CompareTo(b.Start));
        }

        return segments;
    }
}
