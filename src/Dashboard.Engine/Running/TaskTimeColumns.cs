using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dashboard.Engine.Running;

/// <summary>
/// The segment sums of many tasks (<see cref="TaskTimes"/>) in one array of rows, one row per task
/// index: CPU and run-queue nanoseconds, the segment count, the first two segments inline (a task
/// that awaits once has two), later ones in a side table made only for the tasks that have them.
/// Thread-safe: a row is written under one of a few striped locks (a task's pieces may run on
/// several threads at once), never a lock object per task.
/// </summary>
/// <remarks>
/// A repetition of a million hello tasks is one 64 MB array here, made at once, instead of a
/// million objects (each with its header and lock) made one by one before the first task starts.
/// A <see cref="TaskTimes"/> is a handle to a row, made when a task starts and dropped when its
/// last segment has been shared out.
/// </remarks>
internal sealed class TaskTimeColumns
{
    private const int OutsideSampleFlag = 1;
    private const int FrozenFlag = 2;
    private const int MaxStripes = 64;

    private readonly Row[] _rows;
    private readonly Lock[] _locks;
    private readonly int _mask;

    // Segments after the first two, per task; under its own lock (rows of different stripes add to it).
    private Dictionary<int, List<Segment>>? _more;
    private volatile bool _allFrozen;

    public TaskTimeColumns(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _rows = new Row[count];
        var stripes = (int)Math.Min(MaxStripes, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, count)));
        // Locks of their own, not monitors on plain objects: the start loop takes one per task start
        // and segment (a monitor's enter and exit are calls into the runtime, several times the cost).
        _locks = new Lock[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _locks[i] = new Lock();
        }

        _mask = stripes - 1;
    }

    /// <summary>Called when a task resumes on a thread (<see cref="TaskTimes.OnResumed"/>): the recorder notes its threads.</summary>
    public Action<int, int>? Resumed { get; init; }

    public int Count => _rows.Length;

    /// <summary>The lock of <paramref name="index"/>'s row, shared with the rows of its stripe (the recorder takes it for its own columns of the task too).</summary>
    public Lock LockOf(int index) => _locks[index & _mask];

    public bool OutsideSample(int index) => (Volatile.Read(ref _rows[index].Flags) & OutsideSampleFlag) != 0;

    public int SegmentCount(int index)
    {
        lock (LockOf(index))
        {
            return _rows[index].Count;
        }
    }

    public void LeaveOutOfSample(int index)
    {
        lock (LockOf(index))
        {
            _rows[index].Flags |= OutsideSampleFlag;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddSplit(int index, long cpuNs, long readyNs)
    {
        lock (LockOf(index))
        {
            ref var row = ref _rows[index];
            if (_allFrozen || (row.Flags & FrozenFlag) != 0)
            {
                return;
            }

            // A negative CPU corrects wall time a segment was given at once (ThreadWindow's provisional share).
            row.Cpu = Math.Max(0, row.Cpu + cpuNs);
            row.Ready += Math.Max(0, readyNs);
        }
    }

    /// <summary>
    /// A segment of task <paramref name="index"/> ended. <paramref name="dueAt"/>, when not 0, is
    /// when the wait before it was due (<see cref="WaitDue"/>): the time from then, or from the
    /// task's last segment's end if later, to this segment's start is ready time (the continuation
    /// was due and had not run), so it stays within the gap between the segments and CPU, ready
    /// and wait still add up to the span.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int index, int thread, long start, long end, long cpuNs, long readyNs, long dueAt = 0)
    {
        lock (LockOf(index))
        {
            ref var row = ref _rows[index];
            if (_allFrozen || (row.Flags & FrozenFlag) != 0)
            {
                return;
            }

            var n = row.Count++;
            row.Cpu += Math.Max(0, cpuNs);
            row.Ready += Math.Max(0, readyNs);
            if (dueAt != 0 && n is 1 or 2)
            {
                // The gap begins where the last segment ended (a one-wait task has one before it;
                // later segments live in the side table, and none of them is given a due time).
                var gapStart = n == 1 ? row.First.End : Math.Max(row.First.End, row.Second.End);
                var from = Math.Max(dueAt, gapStart);
                row.Ready += from < start ? MonotonicClock.Nanoseconds(from, start) : 0;
            }

            if (n == 0)
            {
                row.First = new Segment(thread, start, end);
            }
            else if (n == 1)
            {
                row.Second = new Segment(thread, start, end);
            }
            else if (n < TaskTimes.MaxSegments)
            {
                var more = Volatile.Read(ref _more) ?? Interlocked.CompareExchange(ref _more, [], null) ?? _more;
                lock (more)
                {
                    (CollectionsMarshal.GetValueRefOrAddDefault(more, index, out _) ??= new List<Segment>(2)).Add(new Segment(thread, start, end));
                }
            }
        }
    }

    /// <summary>Keeps the row's times as they are: segments and CPU shared out later are ignored.</summary>
    public void Freeze(int index)
    {
        lock (LockOf(index))
        {
            _rows[index].Flags |= FrozenFlag;
        }
    }

    /// <summary>Keeps every row's times as they are (the recorder's spans are a view of them from now on).</summary>
    public void FreezeAll()
    {
        foreach (var stripe in _locks)
        {
            // Taking every stripe once orders the flag after any Add or AddSplit under way.
            lock (stripe)
            {
                _allFrozen = true;
            }
        }
    }

    /// <summary>The row's sums (nanoseconds), whether it is outside the split's sample, and its first segments in the order they began.</summary>
    public (long CpuNs, long ReadyNs, bool OutsideSample, (int Thread, long Start, long End)[]? Segments) Read(int index)
    {
        lock (LockOf(index))
        {
            ref var row = ref _rows[index];
            return (row.Cpu, row.Ready, (row.Flags & OutsideSampleFlag) != 0, Segments(index, ref row));
        }
    }

    /// <summary>The first segments (at most <see cref="TaskTimes.MaxSegments"/>) in the order they began; null for none. Call under the row's lock.</summary>
    private (int Thread, long Start, long End)[]? Segments(int index, ref Row row)
    {
        if (row.Count == 0)
        {
            return null;
        }

        var segments = new (int Thread, long Start, long End)[Math.Min(row.Count, TaskTimes.MaxSegments)];
        segments[0] = row.First.ToTuple();
        if (segments.Length > 1)
        {
            segments[1] = row.Second.ToTuple();
            if (segments.Length > 2 && Volatile.Read(ref _more) is { } more)
            {
                lock (more)
                {
                    if (more.TryGetValue(index, out var later))
                    {
                        for (var i = 0; i < later.Count && i + 2 < segments.Length; i++)
                        {
                            segments[i + 2] = later[i].ToTuple();
                        }
                    }
                }
            }

            // Segments are added as they end: a thread preempted before it left the task's context
            // ends its segment after the continuation's began elsewhere. Kept in the order they began.
            Array.Sort(segments, static (a, b) => a.Start.CompareTo(b.Start));
        }

        return segments;
    }

    /// <summary>One stretch on one thread; packed, so a row holds two in 40 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct Segment(int Thread, long Start, long End)
    {
        public (int Thread, long Start, long End) ToTuple() => (Thread, Start, End);
    }

    /// <summary>One task's sums and first two segments: 64 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Row
    {
        public long Cpu;
        public long Ready;
        public int Count;
        public int Flags;
        public Segment First;
        public Segment Second;
    }
}
