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
    private readonly RecordedTask[] _tasks;
    private readonly int _processId = Environment.ProcessId;
    private int _inFlight;
    private string? _lastDetail;

    /// <param name="measure">Whether tasks run in this process read their thread clocks (<see cref="TaskTimes.Measure"/>).</param>
    public TaskRecorder(ChannelWriter<LabEvent> events, string strategy, int repetition, int taskCount, long origin, bool measure = true)
    {
        _events = events;
        Strategy = strategy;
        Repetition = repetition;
        Origin = origin;
        _tasks = new RecordedTask[taskCount];
        for (var i = 0; i < taskCount; i++)
        {
            _tasks[i] = new RecordedTask(measure);
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
        if ((uint)task < (uint)_tasks.Length)
        {
            _tasks[task].OnResumed(threadId);
        }
    }

    /// <summary>
    /// Measures the task in this process: its segments add up in its own state (the returned
    /// times, which the task loop follows: <see cref="TaskFlow"/>), read when the spans are taken (so a piece still
    /// running after its end is counted too).
    /// </summary>
    public TaskTimes Track(int task)
    {
        var state = _tasks[task];
        lock (state)
        {
            state.Tracked = true;
        }

        return state;
    }

    /// <summary>The task, run on a thread of its own, falls outside the split's sample (<see cref="SplitSample"/>): its split is not measured.</summary>
    public void LeaveOutOfSample(int task) => _tasks[task].LeaveOutOfSample();

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

    /// <summary>
    /// The ended tasks' spans in task order. When every task has ended and there are more than
    /// <see cref="RecordedSpans.KeptWholeUpTo"/>, a view that makes each span when read, over
    /// frozen times; else a list made now.
    /// </summary>
    public IReadOnlyList<TaskSpan> Spans()
    {
        if (_tasks.Length > RecordedSpans.KeptWholeUpTo && Array.TrueForAll(_tasks, t => t.Terminal))
        {
            foreach (var task in _tasks)
            {
                task.Freeze();
            }

            return new RecordedSpans(_tasks, Origin);
        }

        var spans = new List<TaskSpan>(_tasks.Length);
        for (var i = 0; i < _tasks.Length; i++)
        {
            if (_tasks[i].Terminal)
            {
                spans.Add(_tasks[i].ToSpan(i, Origin));
            }
        }

        return spans;
    }

    /// <summary>How many tasks ended ok and failed, and on how many lanes the tasks that ran did (one pass, no spans made).</summary>
    public (int Ok, int Failed, int Lanes) Tally()
    {
        var ok = 0;
        var failed = 0;
        var lanes = new HashSet<Lane>();
        foreach (var s in _tasks)
        {
            lock (s)
            {
                if (!s.Terminal)
                {
                    continue;
                }

                ok += s.Status == TaskStatus.Ok ? 1 : 0;
                failed += s.Status == TaskStatus.Failed ? 1 : 0;
                if (s.Status != TaskStatus.Cancelled || s.End > s.Start)
                {
                    lanes.Add(s.Lane);
                }
            }
        }

        return (ok, failed, lanes.Count);
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
}
