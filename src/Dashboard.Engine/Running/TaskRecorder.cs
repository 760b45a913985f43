using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Dashboard.Engine.Running;

/// <summary>
/// Records what happens to each task of one strategy repetition and forwards it as events.
/// Guarantees one terminal event per task even when a worker's last message races its exit.
/// Thread-safe.
/// </summary>
/// <remarks>
/// Its state of the tasks is columns, not an object per task: one array of rows
/// (<see cref="RecordedTask"/>, 40 bytes each) and the tasks' times in another
/// (<see cref="TaskTimeColumns"/>, 64 bytes each), both written under a few striped locks, with
/// rare facts in side tables (<see cref="RecordedTaskExtras"/>). A million tasks are two arrays
/// made at once when the repetition starts.
/// </remarks>
internal sealed partial class TaskRecorder
{
    private readonly ChannelWriter<LabEvent> _events;
    private readonly RecordedTask[] _tasks;
    private readonly TaskTimeColumns _times;
    private readonly RecordedTaskExtras _extras = new();
    private readonly bool _measure;
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
        _measure = measure;
        _tasks = new RecordedTask[taskCount];
        _times = new TaskTimeColumns(taskCount) { Resumed = Hop };
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
        bool started;
        lock (_times.LockOf(task))
        {
            started = Start(task, lane, timestamp, node);
        }

        if (started)
        {
            _events.TryWrite(new TaskEvent(Strategy, Repetition, task, TaskEventKind.Started, timestamp, lane, null, node));
        }
    }

    /// <summary>
    /// <see cref="Started"/> and <see cref="Track"/> in one, for a task started and measured in this
    /// process: the row's lock is taken once per start instead of twice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TaskTimes StartedTracked(int task, Lane lane, long timestamp)
    {
        bool started;
        lock (_times.LockOf(task))
        {
            started = Start(task, lane, timestamp, null);
            _tasks[task].State |= RecordedTask.TrackedFlag;
        }

        if (started)
        {
            _events.TryWrite(new TaskEvent(Strategy, Repetition, task, TaskEventKind.Started, timestamp, lane));
        }

        return new TaskTimes(_times, task, taskIndexed: true) { Measure = _measure, Sampled = true };
    }

    /// <summary>Marks the task started (under its lock); false when it had started or ended already.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Start(int task, Lane lane, long timestamp, string? node)
    {
        ref var row = ref _tasks[task];
        if (RecordedTask.Has(row.State, RecordedTask.TerminalFlag | RecordedTask.StartedFlag))
        {
            return false;
        }

        row.Start = timestamp;
        SetLane(task, ref row, lane, node);
        AddThread(task, ref row, lane.ThreadId);
        var state = row.State | RecordedTask.StartedFlag;
        if (lane.ProcessId == _processId && node is null)
        {
            state |= RecordedTask.InFlightHereFlag;
            Interlocked.Increment(ref _inFlight);
        }

        Volatile.Write(ref row.State, state);
        return true;
    }

    public void Progress(int task, Lane lane, long timestamp, string detail, string? node = null)
    {
        lock (_times.LockOf(task))
        {
            ref var row = ref _tasks[task];
            if (RecordedTask.Has(row.State, RecordedTask.TerminalFlag))
            {
                return;
            }

            AddThread(task, ref row, lane.ThreadId);
        }

        _events.TryWrite(new TaskEvent(Strategy, Repetition, task, TaskEventKind.Progress, timestamp, lane, detail, node));
    }

    /// <summary>Records the task's end (Completed, Failed or Cancelled); false when it already ended.</summary>
    public bool Finish(int task, TaskEventKind kind, Lane lane, long timestamp, string? detail, string? node = null)
    {
        lock (_times.LockOf(task))
        {
            ref var row = ref _tasks[task];
            if (RecordedTask.Has(row.State, RecordedTask.TerminalFlag))
            {
                return false;
            }

            row.End = timestamp;
            if (RecordedTask.Has(row.State, RecordedTask.InFlightHereFlag))
            {
                Interlocked.Decrement(ref _inFlight);
            }

            if (!RecordedTask.Has(row.State, RecordedTask.StartedFlag))
            {
                row.Start = timestamp;
                SetLane(task, ref row, lane, node);
            }

            AddThread(task, ref row, lane.ThreadId);
            row.Detail = Shared(detail);
            var status = kind switch
            {
                TaskEventKind.Completed => TaskStatus.Ok,
                TaskEventKind.Failed => TaskStatus.Failed,
                _ => TaskStatus.Cancelled,
            };

            // Published last: a reader that sees the task ended sees its end, status and detail.
            Volatile.Write(ref row.State, RecordedTask.WithStatus(row.State, status) | RecordedTask.TerminalFlag);
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

        lock (_times.LockOf(task))
        {
            ref var row = ref _tasks[task];
            if (RecordedTask.Has(row.State, RecordedTask.StartedFlag) && !RecordedTask.Has(row.State, RecordedTask.TerminalFlag))
            {
                AddThread(task, ref row, threadId);
            }
        }
    }

    /// <summary>
    /// Measures the task in this process: its segments add up in its row of the recorder's times
    /// (the returned handle, which the task loop follows: <see cref="TaskFlow"/>), read when the
    /// spans are taken (so a piece still running after its end is counted too).
    /// </summary>
    public TaskTimes Track(int task)
    {
        lock (_times.LockOf(task))
        {
            _tasks[task].State |= RecordedTask.TrackedFlag;
        }

        return new TaskTimes(_times, task, taskIndexed: true) { Measure = _measure, Sampled = true };
    }

    /// <summary>The task, run on a thread of its own, falls outside the split's sample (<see cref="SplitSample"/>): its split is not measured.</summary>
    public void LeaveOutOfSample(int task) => _times.LeaveOutOfSample(task);

    /// <summary>The task's split as measured elsewhere (a worker process, a Python twin), and its transfer seconds.</summary>
    public void Timed(int task, TaskTiming? timing, double? transfer)
    {
        if ((uint)task >= (uint)_tasks.Length)
        {
            return;
        }

        lock (_times.LockOf(task))
        {
            if (timing is not null)
            {
                _extras.SetTiming(task, timing);
            }

            if (transfer is { } seconds)
            {
                _extras.SetTransfer(task, seconds);
            }
        }
    }

    public bool IsFinished(int task) => RecordedTask.Has(Volatile.Read(ref _tasks[task].State), RecordedTask.TerminalFlag);

    /// <summary>Ends every task that has no terminal event yet (cancelled, or never run).</summary>
    public void FinishRemaining(TaskEventKind kind, string detail)
    {
        var now = MonotonicClock.Now;
        for (var i = 0; i < _tasks.Length; i++)
        {
            if (IsFinished(i))
            {
                continue;
            }

            Lane lane;
            lock (_times.LockOf(i))
            {
                lane = RecordedTask.Has(_tasks[i].State, RecordedTask.StartedFlag) ? LaneOf(i, ref _tasks[i]) : Lane.Current;
            }

            Finish(i, kind, lane, now, detail, _extras.NodeOf(i));
        }
    }

    /// <summary>
    /// The ended tasks' spans in task order. When every task has ended and there are more than
    /// <see cref="RecordedSpans.KeptWholeUpTo"/>, a view that makes each span when read, over
    /// frozen times; else a list made now.
    /// </summary>
    public IReadOnlyList<TaskSpan> Spans()
    {
        if (_tasks.Length > RecordedSpans.KeptWholeUpTo && AllFinished())
        {
            _times.FreezeAll();
            return new RecordedSpans(this);
        }

        var spans = new List<TaskSpan>(_tasks.Length);
        for (var i = 0; i < _tasks.Length; i++)
        {
            if (IsFinished(i))
            {
                spans.Add(ToSpan(i));
            }
        }

        return spans;
    }

    private bool AllFinished()
    {
        for (var i = 0; i < _tasks.Length; i++)
        {
            if (!IsFinished(i))
            {
                return false;
            }
        }

        return true;
    }

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

    /// <summary>Sets the task's lane and node (under its lock): a lane in another process goes to the side tables.</summary>
    private void SetLane(int task, ref RecordedTask row, Lane lane, string? node)
    {
        row.LaneThread = lane.ThreadId;
        if (lane.ProcessId != _processId)
        {
            _extras.SetProcess(task, lane.ProcessId);
        }

        if (node is not null)
        {
            _extras.SetNode(task, node);
        }
    }

    private Lane LaneOf(int task, ref RecordedTask row) => new(_extras.ProcessOf(task, _processId), row.LaneThread);

    /// <summary>Adds a thread it ran on (a repeat of the last is not added). Call under its lock.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddThread(int task, ref RecordedTask row, int threadId)
    {
        var count = RecordedTask.ThreadCountOf(row.State);
        var last = count switch
        {
            0 => -1,
            1 => row.Thread0,
            2 => row.Thread1,
            _ => _extras.LastMoreThread(task),
        };
        if ((count > 0 && last == threadId) || count >= RecordedTask.MaxThreads)
        {
            return;
        }

        switch (count)
        {
            case 0:
                row.Thread0 = threadId;
                break;
            case 1:
                row.Thread1 = threadId;
                break;
            default:
                _extras.AddMoreThread(task, threadId);
                break;
        }

        row.State = RecordedTask.WithOneMoreThread(row.State);
    }
}
