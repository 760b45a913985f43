namespace Dashboard.Engine.Running;

/// <summary>
/// Adds up one task's segments as they end, on whichever thread they ran: CPU time and run-queue
/// delay per segment (<see cref="TaskFlow"/>), and the first <see cref="MaxSegments"/> segments
/// themselves. Thread-safe: a task's pieces may run on several threads at once.
/// </summary>
/// <remarks>
/// A handle to one row of a <see cref="TaskTimeColumns"/>: one made on its own (a worker process's
/// task) has a row of its own; the lab's recorder keeps the rows of a repetition's tasks in one
/// array and makes a handle when a task starts (<see cref="TaskRecorder.Track"/>), so a million
/// tasks are one array of rows, not a million objects made up front.
/// </remarks>
public sealed class TaskTimes
{
    /// <summary>Segments kept per task; later ones still count in the sums.</summary>
    public const int MaxSegments = 64;

    private readonly TaskTimeColumns _columns;
    private readonly int _index;

    /// <summary>A task's times with a row of their own.</summary>
    public TaskTimes()
        : this(new TaskTimeColumns(1), 0)
    {
    }

    /// <param name="taskIndexed">Whether <paramref name="columns"/> has a row per task index (the recorder's), so a handle to any task's row can be made from this one (<see cref="ForTask"/>).</param>
    internal TaskTimes(TaskTimeColumns columns, int index, bool taskIndexed = false)
    {
        _columns = columns;
        _index = index;
        TaskIndexed = taskIndexed;
    }

    /// <summary>Whether this is the row of a task-indexed columns (the recorder's): <see cref="ForTask"/> makes a handle to any task's row.</summary>
    internal bool TaskIndexed { get; }

    /// <summary>Whether this is task <paramref name="task"/>'s row of the same columns as <paramref name="other"/>'s.</summary>
    internal bool IsTaskRowBeside(TaskTimes other, int task) =>
        TaskIndexed && _index == task && ReferenceEquals(_columns, other._columns) && Measure == other.Measure && Sampled == other.Sampled;

    /// <summary>A handle to task <paramref name="task"/>'s row of the same task-indexed columns, with the same settings: a loop that holds many waiting tasks keeps their indices, not a handle each.</summary>
    internal TaskTimes ForTask(int task) => new(_columns, task, taskIndexed: true) { Measure = Measure, Sampled = Sampled };

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
    public bool OutsideSample => _columns.OutsideSample(_index);

    /// <summary>How many segments ended.</summary>
    public int SegmentCount => _columns.SegmentCount(_index);

    /// <summary>The task resumed on <paramref name="thread"/> (a segment starts there on another thread than the last).</summary>
    internal void OnResumed(int thread) => _columns.Resumed?.Invoke(_index, thread);

    /// <summary>Its thread of its own was left out of the split's sample: its split stays unmeasured.</summary>
    internal void LeaveOutOfSample() => _columns.LeaveOutOfSample(_index);

    /// <summary>CPU and run-queue nanoseconds of segments already added (a thread's window shared them out).</summary>
    internal void AddSplit(long cpuNs, long readyNs) => _columns.AddSplit(_index, cpuNs, readyNs);

    /// <summary>A segment ended; <paramref name="dueAt"/> (not 0) is when the wait before it was due: <see cref="TaskTimeColumns.Add"/>.</summary>
    internal void Add(int thread, long start, long end, long cpuNs, long readyNs, long dueAt = 0) => _columns.Add(_index, thread, start, end, cpuNs, readyNs, dueAt);

    /// <summary>
    /// Keeps the times as they are: segments and CPU shared out later (a thread's window settled
    /// after the spans were taken) are ignored, so a span read twice says the same.
    /// </summary>
    internal void Freeze() => _columns.Freeze(_index);

    /// <summary>The sums so far, capped at <paramref name="spanSeconds"/> each (pieces running side by side can add up to more than the span).</summary>
    public TaskTiming Snapshot(double spanSeconds)
    {
        var (cpuNs, readyNs, outside, segments) = _columns.Read(_index);
        if (!Measure || outside)
        {
            return new TaskTiming(null, null, segments);
        }

        var (cpu, ready) = TaskTiming.Within(cpuNs / 1e9, readyNs / 1e9, spanSeconds);
        return new TaskTiming(cpu, ready, segments);
    }
}
