namespace Dashboard.Engine.Running;

/// <summary>
/// What the recorder knows of one task: its start and end, lane, status and detail, the threads
/// it ran on, and (as a <see cref="TaskTimes"/>) its segments when it ran in this process. One
/// object per task for the whole repetition (in flight and after), the instance itself as the lock.
/// </summary>
internal sealed class RecordedTask : TaskTimes
{
    /// <summary>Most entries kept per task, so a task resuming millions of times stays bounded.</summary>
    private const int MaxThreads = 256;

    public volatile bool Terminal;
    public bool HasStarted;
    public bool InFlightHere;

    /// <summary>Its segments add up here (it ran in this process).</summary>
    public bool Tracked;
    public TaskStatus Status;
    public long Start;
    public long End;
    public Lane Lane;
    public string? Detail;

    // Threads in the order the task ran on them (a repeat of the last one is not added): the
    // first two inline, since a million tasks in flight each run on one or two, the rest in the extras.
    private int _threadCount;
    private int _thread0;
    private int _thread1;
    private RecordedTaskExtras? _extras;

    /// <summary>The lab node (silo) that ran it; null in this process and in worker processes.</summary>
    public string? Node
    {
        get => _extras?.Node;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.Node = value;
            }
        }
    }

    /// <summary>The split measured elsewhere (a worker process, a Python twin).</summary>
    public TaskTiming? Timing
    {
        get => _extras?.Timing;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.Timing = value;
            }
        }
    }

    /// <summary>Transfer seconds; NaN when none.</summary>
    public double Transfer
    {
        get => _extras?.Transfer ?? double.NaN;
        set
        {
            if (!double.IsNaN(value) || _extras is not null)
            {
                Extras.Transfer = value;
            }
        }
    }

    private RecordedTaskExtras Extras => _extras ??= new RecordedTaskExtras();

    public RecordedTask(bool measure)
    {
        Measure = measure;

        // The runner reads a repetition's times after TaskFlow.Settle, so its threads read their
        // CPU clocks about once per quantum rather than at every segment's ends.
        Sampled = true;
    }

    /// <summary>Ignored before its start and after its end.</summary>
    internal override void OnResumed(int thread)
    {
        lock (this)
        {
            if (HasStarted && !Terminal)
            {
                AddThread(thread);
            }
        }
    }

    /// <summary>Adds a thread it ran on (a repeat of the last is not added). Call under the lock.</summary>
    public void AddThread(int threadId)
    {
        var last = _threadCount switch
        {
            0 => -1,
            1 => _thread0,
            2 => _thread1,
            _ => _extras!.MoreThreads![^1],
        };
        if ((_threadCount > 0 && last == threadId) || _threadCount >= MaxThreads)
        {
            return;
        }

        switch (_threadCount)
        {
            case 0:
                _thread0 = threadId;
                break;
            case 1:
                _thread1 = threadId;
                break;
            default:
                (Extras.MoreThreads ??= new List<int>(2)).Add(threadId);
                break;
        }

        _threadCount++;
    }

    /// <summary>The ended task as a span on the repetition's time axis (seconds since <paramref name="origin"/>), its split as it is now.</summary>
    public TaskSpan ToSpan(int task, long origin)
    {
        lock (this)
        {
            var start = MonotonicClock.Seconds(origin, Start);
            var end = MonotonicClock.Seconds(origin, End);
            var (cpu, ready) = Tracked && Measure && !OutsideSample ? TaskTiming.Within(CpuNanoseconds / 1e9, ReadyNanoseconds / 1e9, end - start)
                : Timing is { } timing ? TaskTiming.Within(timing.Cpu, timing.Ready, end - start)
                : (null, null);
            return new TaskSpan(task, Lane, start, end, Status, Detail, Node)
            {
                Threads = Threads(),
                Cpu = cpu,
                Ready = ready,
                Transfer = double.IsNaN(Transfer) ? null : Math.Round(Transfer, 6),
                Segments = TaskTiming.SegmentsFrom(Tracked ? Segments(SegmentCount) : Timing?.Segments, origin, start, end),
            };
        }
    }

    /// <summary>The threads, in order; null when none was recorded. Call under the lock.</summary>
    private int[]? Threads()
    {
        if (_threadCount == 0)
        {
            return null;
        }

        var threads = new int[_threadCount];
        threads[0] = _thread0;
        if (_threadCount > 1)
        {
            threads[1] = _thread1;
            _extras?.MoreThreads?.CopyTo(0, threads, 2, _threadCount - 2);
        }

        return threads;
    }
}
