namespace Dashboard.Engine.Running;

/// <summary>
/// Which tasks of a repetition that start a thread of their own measure their time split. Such a
/// thread reads its run-queue delay from procfs, and the kernel makes the thread's procfs entry
/// for that read and drops it again when the thread ends: on 2,000 threads of 1 ms that costs more
/// than the split's 2 % budget (x1.09 wall, x1.02 without the procfs read). So they measure as a
/// sample, decided by the thread that starts them: every task while the budget holds
/// (<see cref="Burst"/> back to back, then one more per <see cref="RefillNanoseconds"/> of wall
/// time), the rest record their segments without a split (<see cref="TaskTimes.OutsideSample"/>).
/// A few dozen long tasks (threads on CPU work) are all measured; thousands of short ones, the
/// first <see cref="Burst"/> and about one per <see cref="RefillNanoseconds"/> after them.
/// <see cref="Statistics.TimeSplit"/> gives the tasks outside the sample the measured tasks'
/// shares. One per repetition, used by the one thread that starts its tasks: not thread-safe.
/// </summary>
public sealed class SplitSample
{
    /// <summary>Tasks measured back to back before the budget thins them.</summary>
    public const int Burst = 64;

    /// <summary>Wall time per further measured task once the burst is spent.</summary>
    public const long RefillNanoseconds = 2_000_000;

    private readonly long _refillTicks;
    private int _left = Burst;
    private long _refilledAt = long.MinValue;

    /// <param name="refillTicks">Monotonic clock ticks per further measured task (<see cref="ForLab"/> uses <see cref="RefillNanoseconds"/>).</param>
    public SplitSample(long refillTicks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(refillTicks, 1);
        _refillTicks = refillTicks;
    }

    /// <summary>A new sample on the lab's monotonic clock.</summary>
    public static SplitSample ForLab() => new(Math.Max(1, (long)(RefillNanoseconds * (MonotonicClock.Frequency / 1e9))));

    /// <summary>Whether the task starting at <paramref name="now"/> (monotonic ticks) is measured; takes one from the budget when it is.</summary>
    public bool TryTake(long now)
    {
        if (_refilledAt == long.MinValue)
        {
            _refilledAt = now;
        }
        else if (now - _refilledAt >= _refillTicks)
        {
            var refills = (now - _refilledAt) / _refillTicks;
            _left = (int)Math.Min(Burst, _left + refills);
            _refilledAt += refills * _refillTicks;
        }

        if (_left == 0)
        {
            return false;
        }

        _left--;
        return true;
    }
}
