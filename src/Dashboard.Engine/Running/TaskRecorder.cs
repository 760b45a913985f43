using System.Threading.Channels;

namespace Dashboard.Engine.Running;

/// <summary>
/// Records what happens to each task of one strategy repetition and forwards it as events.
/// Guarantees one terminal event per task even when a worker's last message races its exit.
/// Thread-safe.
/// </summary>
internal sealed class TaskRecorder
{
    private readonly ChannelWriter<LabEvent> _events;
    private readonly TaskState[] _tasks;
    private readonly int _processId = Environment.ProcessId;
    private int _inFlight;
    private string? _lastDetail;

    public TaskRecorder(ChannelWriter<LabEvent> events, string strategy, int repetition, int taskCount, long origin)
    {
        _events = events;
        Strategy = strategy;
        Repetition = repetition;
        Origin = origin;
        _tasks = new TaskState[taskCount];
        for (var i = 0; i < taskCount; i++)
        {
            _tasks[i] = new TaskState();
        }
    }

    public string Strategy { get; }

    public int Repetition { get; }

    /// <summary>The repetition's start timestamp; spans are measured from it.</summary>
    public long Origin { get; }

    public int TaskCount => _tasks.Length;

    /// <summary>Tasks started and not yet ended in this process (tasks of worker processes and nodes are not counted): what this process's memory holds.</summary>
    public int InFlightHere => Volatile.Read(ref _inFlight);

    public void Started(int task, Lane lane, long timestamp, string? node = null)
    {
        var state = _tasks[task];
        lock (state)
        {
            if (state.Terminal || state.HasStarted)
            {
                return;
            }

            state.HasStarted = true;
            state.Start = timestamp;
            state.Lane = lane;
            state.Node = node;
            state.AddThread(lane.ThreadId);
            if (lane.ProcessId == _processId && node is null)
            {
                state.InFlightHere = true;
                Interlocked.Increment(ref _inFlight);
            }
        }

        _events.TryWrite(new TaskEvent(Strategy, Repetition, task, TaskEventKind.Started, timestamp, lane, null, node));
    }

    public void Progress(int task, Lane lane, long timestamp, string detail, string? node = null)
    {
        var state = _tasks[task];
        lock (state)
        {
            if (state.Terminal)
            {
                return;
            }

            state.AddThread(lane.ThreadId);
        }

        _events.TryWrite(new TaskEvent(Strategy, Repetition, task, TaskEventKind.Progress, timestamp, lane, detail, node));
    }

    /// <summary>Records the task's end (Completed, Failed or Cancelled); false when it already ended.</summary>
    public bool Finish(int task, TaskEventKind kind, Lane lane, long timestamp, string? detail, string? node = null)
    {
        var state = _tasks[task];
        lock (state)
        {
            if (state.Terminal)
            {
                return false;
            }

            state.Terminal = true;
            state.End = timestamp;
            if (state.InFlightHere)
            {
                Interlocked.Decrement(ref _inFlight);
            }
            if (!state.HasStarted)
            {
                state.Start = timestamp;
                state.Lane = lane;
                state.Node = node;
            }

            state.AddThread(lane.ThreadId);

            state.Status = kind switch
            {
                TaskEventKind.Completed => TaskStatus.Ok,
                TaskEventKind.Failed => TaskStatus.Failed,
                _ => TaskStatus.Cancelled,
            };
            state.Detail = Shared(detail);
        }

        _events.TryWrite(new TaskEvent(Strategy, Repetition, task, kind, timestamp, lane, detail, node));
        return true;
    }

    /// <summary>The task resumed on thread <paramref name="threadId"/> (ignored before its start and after its end).</summary>
    public void Hop(int task, int threadId)
    {
        if ((uint)task >= (uint)_tasks.Length)
        {
            return;
        }

        var state = _tasks[task];
        lock (state)
        {
            if (state.HasStarted && !state.Terminal)
            {
                state.AddThread(threadId);
            }
        }
    }

    /// <summary>
    /// Measures the task in this process: its segments add up in <paramref name="times"/>, read
    /// when the spans are taken (so a piece still running after its end is counted too).
    /// </summary>
    public void Track(int task, TaskTimes times)
    {
        var state = _tasks[task];
        lock (state)
        {
            state.Times ??= times;
        }
    }

    /// <summary>The task's split as measured elsewhere (a worker process, a Python twin), and its transfer seconds.</summary>
    public void Timed(int task, TaskTiming? timing, double? transfer)
    {
        if ((uint)task >= (uint)_tasks.Length)
        {
            return;
        }

        var state = _tasks[task];
        lock (state)
        {
            state.Timing = timing ?? state.Timing;
            state.Transfer = transfer ?? state.Transfer;
        }
    }

    public bool IsFinished(int task) => _tasks[task].Terminal;

    /// <summary>
    /// The detail as kept for the span: the last kept one when equal, so a million tasks that all
    /// answer the same greeting keep one string, not a million copies.
    /// </summary>
    private string? Shared(string? detail)
    {
        var last = Volatile.Read(ref _lastDetail);
        if (detail is null || string.Equals(last, detail, StringComparison.Ordinal))
        {
            return detail is null ? null : last;
        }

        Volatile.Write(ref _lastDetail, detail);
        return detail;
    }

    /// <summary>Ends every task that has no terminal event yet (cancelled, or never run).</summary>
    public void FinishRemaining(TaskEventKind kind, string detail)
    {
        var now = MonotonicClock.Now;
        for (var i = 0; i < _tasks.Length; i++)
        {
            if (!_tasks[i].Terminal)
            {
                Finish(i, kind, _tasks[i].HasStarted ? _tasks[i].Lane : Lane.Current, now, detail, _tasks[i].Node);
            }
        }
    }

    public IReadOnlyList<TaskSpan> Spans()
    {
        var spans = new List<TaskSpan>(_tasks.Length);
        for (var i = 0; i < _tasks.Length; i++)
        {
            var s = _tasks[i];
            lock (s)
            {
                if (s.Terminal)
                {
                    var start = MonotonicClock.Seconds(Origin, s.Start);
                    var end = MonotonicClock.Seconds(Origin, s.End);
                    var timing = (s.Times?.Snapshot(end - start) ?? s.Timing)?.Within(end - start);
                    spans.Add(new TaskSpan(i, s.Lane, start, end, s.Status, s.Detail, s.Node)
                    {
                        Threads = s.Threads(),
                        Cpu = timing?.Cpu,
                        Ready = timing?.Ready,
                        Transfer = s.Transfer is { } transfer ? Math.Round(transfer, 6) : null,
                        Segments = timing?.SegmentsFrom(Origin, start, end),
                    });
                }
            }
        }

        return spans;
    }

    /// <summary>Task index -> output summary of every task that completed.</summary>
    public IReadOnlyDictionary<int, string> Outputs()
    {
        var outputs = new Dictionary<int, string>();
        for (var i = 0; i < _tasks.Length; i++)
        {
            var s = _tasks[i];
            lock (s)
            {
                if (s.Terminal && s.Status == TaskStatus.Ok)
                {
                    outputs[i] = s.Detail ?? string.Empty;
                }
            }
        }

        return outputs;
    }

    /// <summary>Latest end timestamp of any task, or null when none ended.</summary>
    public long? LastEnd()
    {
        long? last = null;
        foreach (var s in _tasks)
        {
            lock (s)
            {
                if (s.Terminal && (last is null || s.End > last))
                {
                    last = s.End;
                }
            }
        }

        return last;
    }

    private sealed class TaskState
    {
        public volatile bool Terminal;
        public bool HasStarted;
        public bool InFlightHere;
        public long Start;
        public long End;
        public Lane Lane;
        public string? Node;
        public TaskStatus Status;
        public string? Detail;
        public TaskTimes? Times;
        public TaskTiming? Timing;
        public double? Transfer;

        /// <summary>Most entries kept per task, so a task resuming millions of times stays bounded.</summary>
        private const int MaxThreads = 256;

        // Threads in the order the task ran on them (a repeat of the last one is not added): the
        // first two inline, since a million tasks in flight each run on one or two, the rest in a list.
        private int _threadCount;
        private int _thread0;
        private int _thread1;
        private List<int>? _moreThreads;

        public void AddThread(int threadId)
        {
            var last = _threadCount switch
            {
                0 => -1,
                1 => _thread0,
                2 => _thread1,
                _ => _moreThreads![^1],
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
                    (_moreThreads ??= new List<int>(2)).Add(threadId);
                    break;
            }

            _threadCount++;
        }

        /// <summary>The threads, in order; null when none was recorded.</summary>
        public int[]? Threads()
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
                _moreThreads?.CopyTo(0, threads, 2, _threadCount - 2);
            }

            return threads;
        }
    }
}
