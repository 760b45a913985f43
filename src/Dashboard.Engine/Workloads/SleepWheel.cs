using System.Runtime.CompilerServices;
using Dashboard.Engine.Running;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// One timer for every sleep of a run (the timer wheels of Tokio and Netty, in their simplest
/// form): sleeps due in the same millisecond share one completion, so a million sleeping tasks
/// hold no timer and no cancellation registration each, only their place in their slot's list of
/// continuations. A sleep ends at or after its due time, like <see cref="Task.Delay(int, CancellationToken)"/>
/// (whose timers also fire on a millisecond clock); when the run's token is cancelled, every
/// pending sleep ends cancelled at once (one registration for the run). Every sleep of a wheel
/// ends with the same <see cref="Result"/> (hello's one greeting), so a task whose work after its
/// wait is only that result needs no state machine of its own. Each slot's task carries the slot's
/// due time (<see cref="WaitDue"/>): from then to a task's segment 2 it is ready, not waiting. Thread-safe.
/// </summary>
internal sealed class SleepWheel : IDisposable
{
    private static readonly long TicksPerMillisecond = Math.Max(1, MonotonicClock.Frequency / 1000);

    private readonly Lock _lock = new();
    private readonly Dictionary<long, TaskCompletionSource<string>> _slots = [];
    private readonly Task<string> _done;
    private readonly PriorityQueue<long, long> _due = new();
    private readonly Timer _timer;
    private readonly CancellationTokenRegistration _registration;
    private long _armedFor = long.MaxValue;
    private bool _cancelled;

    public SleepWheel(string result, CancellationToken cancellationToken)
    {
        CancellationToken = cancellationToken;
        Result = result;
        _done = Task.FromResult(result);
        // The timer would carry the execution context of the sleep that made the wheel (its task's
        // AsyncLocal times among it) into every firing: each would be a segment of that one task.
        using (ExecutionContext.IsFlowSuppressed() ? default(AsyncFlowControl?) : ExecutionContext.SuppressFlow())
        {
            _timer = new Timer(static s => ((SleepWheel)s!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
        }

        _registration = cancellationToken.UnsafeRegister(static s => ((SleepWheel)s!).CancelAll(), this);
    }

    /// <summary>What every sleep of this wheel ends with.</summary>
    public string Result { get; }

    /// <summary>The run's token: every sleep of this wheel ends cancelled when it is.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Sleeps in flight (tasks waiting in a slot are not counted, slots are).</summary>
    public int PendingSlots
    {
        get
        {
            lock (_lock)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>
    /// A task that completes with <see cref="Result"/> at or after <paramref name="delayMs"/> from
    /// <paramref name="from"/> (a <see cref="MonotonicClock"/> reading already taken, no later than
    /// now: the waiting task's own start), or from now when it is 0; shared with every sleep due in
    /// the same millisecond.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Task<string> Delay(int delayMs, long from = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delayMs);
        if (CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<string>(CancellationToken);
        }

        if (delayMs == 0)
        {
            return _done;
        }

        // The first whole millisecond at or after the due time: never early.
        var due = (from != 0 ? from : MonotonicClock.Now) + (delayMs * TicksPerMillisecond);
        var slot = (due + TicksPerMillisecond - 1) / TicksPerMillisecond;
        lock (_lock)
        {
            if (_cancelled)
            {
                return Task.FromCanceled<string>(CancellationToken);
            }

            if (!_slots.TryGetValue(slot, out var completion))
            {
                // Continuations run on a pool thread of their slot's own (Fire), not inside the
                // call that completes them: no RunContinuationsAsynchronously, which would queue
                // every awaiter on its own.
                // The slot carries its due time (the millisecond boundary the timer fires at or
                // after): from it to a task's segment 2 the task is ready, not waiting (WaitDue).
                completion = new TaskCompletionSource<string>(new WaitDue(slot * TicksPerMillisecond));
                _slots.Add(slot, completion);
                _due.Enqueue(slot, slot);
                if (slot < _armedFor)
                {
                    Arm(slot);
                }
            }

            return completion.Task;
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        _timer.Dispose();
        CancelAll();
    }

    /// <summary>Ends every slot that is due, each on a pool thread of its own, and arms the timer for the next.</summary>
    private void Fire()
    {
        List<TaskCompletionSource<string>>? ready = null;
        lock (_lock)
        {
            _armedFor = long.MaxValue;
            var now = MonotonicClock.Now / TicksPerMillisecond;
            while (_due.TryPeek(out var slot, out _) && slot <= now)
            {
                _due.Dequeue();
                if (_slots.Remove(slot, out var completion))
                {
                    (ready ??= []).Add(completion);
                }
            }

            if (_due.TryPeek(out var next, out _))
            {
                Arm(next);
            }
        }

        if (ready is null)
        {
            return;
        }

        foreach (var completion in ready)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.Completion.TrySetResult(c.Result), (Completion: completion, Result), preferLocal: false);
        }
    }

    /// <summary>Arms the timer for <paramref name="slot"/> (under the lock).</summary>
    private void Arm(long slot)
    {
        _armedFor = slot;
        var now = MonotonicClock.Now / TicksPerMillisecond;
        _timer.Change(Math.Max(1, slot - now), Timeout.Infinite);
    }

    private void CancelAll()
    {
        List<TaskCompletionSource<string>> pending;
        lock (_lock)
        {
            _cancelled = true;
            pending = [.. _slots.Values];
            _slots.Clear();
            _due.Clear();
            _armedFor = long.MaxValue;
        }

        foreach (var completion in pending)
        {
            completion.TrySetCanceled(CancellationToken);
        }
    }
}
