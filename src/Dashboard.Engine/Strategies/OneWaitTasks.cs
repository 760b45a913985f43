using System.Runtime.CompilerServices;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// The tasks of one uncapped async loop whose workload's async form is one wait
/// (<see cref="AsyncTaskLoop.OneWait"/>), waiting in groups: tasks started one after another that
/// were handed the same wait (hello's sleeps due in the same millisecond share one,
/// <see cref="Workloads.SleepWheel"/>) are a group with one continuation on that wait, which ends
/// them in the order they started. A task waiting costs its index in its group's array (and its
/// times handle when that cannot be made again from the index), not an async state machine box, a
/// continuation and a <see cref="Task"/> of its own: a million sleeping tasks are a few thousand
/// groups, and no object of their own for the GC to copy while they wait.
/// </summary>
/// <remarks>
/// Each task's segments are what <see cref="TaskLoop.RunAsync(IWorkload, int, ITaskLoopObserver, CancellationToken)"/>
/// records for it: from its start to the moment its wait is pending, and from the moment the thread
/// that completes the wait takes it up to its end (a hop when that thread is another). The start
/// loop is one thread at a time (<see cref="TaskLoop.RunAllAsync"/>); a group's continuation is
/// registered when the group is closed (a task with another wait arrives, or the loop waits for
/// more tasks), so no task joins a group whose continuation may have run.
/// </remarks>
internal sealed class OneWaitTasks(AsyncTaskLoop loop)
{
    private readonly AsyncTaskLoop _loop = loop;
    private readonly IStampedStartObserver? _stamped = loop.Observer as IStampedStartObserver;

    // The last task started whose first segment is still open (stamped starts only): the next clock
    // reading on the start thread ends it.
    private TaskTimes? _lastSegment;
    private readonly TaskCompletionSource _allEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The start loop counts as one until it is done; each closed group as one until it has ended its tasks.
    private int _pending = 1;
    private Group? _open;
    private int _lastGroupSize = 4;
    private Exception? _error;

    /// <summary>Completes when the start loop is done (<see cref="StartsDone"/>) and every task has ended.</summary>
    public Task AllEnded => _allEnded.Task;

    /// <summary>
    /// Starts <paramref name="task"/> on the calling thread; a task whose wait is pending joins the
    /// open group, or opens the next. With the lab's recorder (<see cref="IStampedStartObserver"/>)
    /// one clock reading serves the task's start, its first segment's start, its wait's start (the
    /// wheel measures from it) and the end of the previous task's first segment: the starts follow
    /// one another on this thread, so the previous task's segment ends where this one begins (late
    /// by the loop's own step between them, tens of nanoseconds, which is that task's bookkeeping).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Start(int task)
    {
        if (_loop.CancellationToken.IsCancellationRequested)
        {
            if (_lastSegment is not null)
            {
                EndLastSegment(MonotonicClock.Now);
            }

            _loop.Observer.Ended(task, TaskEventKind.Cancelled, "cancelled before it started");
            return;
        }

        TaskTimes? times;
        long start = 0;
        if (_stamped is not null)
        {
            start = MonotonicClock.Now;
            EndLastSegment(start);
            times = _stamped.Started(task, start);
            TaskFlow.EnterAt(times, start);
        }
        else if ((times = _loop.Observer.Started(task)) is not null)
        {
            TaskFlow.Enter(times, resumed: false);
        }

        ValueTask<string> wait;
        try
        {
            wait = _loop.Workload.RunAsync(TaskContext.Of(task, _loop.Observer, start, _loop.CancellationToken));
            if (wait.IsCompleted)
            {
                TaskLoop.Ended(task, TaskEventKind.Completed, wait.GetAwaiter().GetResult(), _loop.Observer, itself: true, times);
                return;
            }
        }
        catch (Exception e)
        {
            TaskLoop.Fail(task, e, _loop.Observer, itself: true, times, _loop.CancellationToken);
            return;
        }

        var shared = wait.AsTask();
        if (_open is null || !ReferenceEquals(_open.Wait, shared))
        {
            Close();
            _open = new Group(this, shared, _lastGroupSize);
        }

        _open.Add(task, times);

        // Segment 1 ends where the wait is pending: with a stamped start, at the next clock reading
        // of this thread (the next start, or the group's close); else now.
        if (times is not null)
        {
            if (_stamped is not null)
            {
                _lastSegment = times;
            }
            else
            {
                TaskFlow.Leave(times);
            }
        }
    }

    /// <summary>Closes the open group: its continuation is registered now (it runs at once on the pool if its wait is done).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Close()
    {
        // No task of the group may resume before its first segment has ended.
        if (_lastSegment is not null)
        {
            EndLastSegment(MonotonicClock.Now);
        }

        if (_open is not { } group)
        {
            return;
        }

        _open = null;
        _lastGroupSize = Math.Max(4, group.Count);
        Interlocked.Increment(ref _pending);
        group.Wait.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(group.Run);
    }

    /// <summary>The first segment of the task started last on this thread, still open, ends at <paramref name="now"/>.</summary>
    private void EndLastSegment(long now)
    {
        if (_lastSegment is { } last)
        {
            _lastSegment = null;
            TaskFlow.LeaveAt(last, now);
        }
    }

    /// <summary>The start loop is done: no task joins any more; <see cref="AllEnded"/> completes when the last group has ended its tasks.</summary>
    public void StartsDone()
    {
        Close();
        Ended();
    }

    private void Ended()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            if (Volatile.Read(ref _error) is { } error)
            {
                _allEnded.TrySetException(error);
            }
            else
            {
                _allEnded.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Tasks that were handed the same wait, in the order they started: their indices, and their
    /// times handles only when these cannot be made again from the index (the recorder's rows are
    /// task-indexed: <see cref="TaskTimes.ForTask"/>), so a waiting task is no object at all.
    /// </summary>
    private sealed class Group(OneWaitTasks owner, Task<string> wait, int capacity)
    {
        private int[] _tasks = new int[capacity];

        // Made only when some task's handle is not its task-indexed row beside the first one's.
        private TaskTimes?[]? _times;
        private TaskTimes? _first;

        public Task<string> Wait { get; } = wait;

        public int Count { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(int task, TaskTimes? times)
        {
            if (Count == _tasks.Length)
            {
                Array.Resize(ref _tasks, Count * 2);
                if (_times is not null)
                {
                    Array.Resize(ref _times, Count * 2);
                }
            }

            _tasks[Count] = task;
            if (_times is null)
            {
                if (times is not null && times.IsTaskRowBeside(_first ??= times, task))
                {
                    Count++;
                    return;
                }

                _times = new TaskTimes?[_tasks.Length];
                for (var i = 0; i < Count; i++)
                {
                    _times[i] = TimesOf(i);
                }
            }

            _times[Count] = times;
            Count++;
        }

        private TaskTimes? TimesOf(int i) => _times is not null ? _times[i] : _first!.ForTask(_tasks[i]);

        /// <summary>
        /// The wait is done: each task's segment 2 begins on this thread, and the task ends (success
        /// or not). From the moment the wait was due (a wheel slot's due time, else this
        /// continuation's start) to its segment 2 each task is ready: the tasks run one after another.
        /// </summary>
        public void Run()
        {
            var observer = owner._loop.Observer;
            var due = WaitDue.Of(Wait) is var known and not 0 ? known : MonotonicClock.Now;

            // The outcome is the same for every task of the group: a failed or cancelled wait is
            // thrown once here, not once per task (a cancelled run of a million tasks).
            string? output = null;
            Exception? error = null;
            try
            {
                output = Wait.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                error = e;
            }

            try
            {
                for (var i = 0; i < Count; i++)
                {
                    var task = _tasks[i];
                    var times = TimesOf(i);
                    if (_times is not null)
                    {
                        _times[i] = null;
                    }

                    if (times is not null)
                    {
                        TaskFlow.Enter(times, resumed: true, due);
                    }

                    if (error is null)
                    {
                        TaskLoop.Ended(task, TaskEventKind.Completed, output, observer, itself: true, times);
                    }
                    else
                    {
                        TaskLoop.Fail(task, error, observer, itself: true, times, owner._loop.CancellationToken);
                    }
                }
            }
            catch (Exception e)
            {
                // An observer that throws: the loop fails as an awaited task's would.
                Interlocked.CompareExchange(ref owner._error, e, null);
            }
            finally
            {
                owner.Ended();
            }
        }
    }
}
