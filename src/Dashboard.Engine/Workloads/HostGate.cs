using System.Diagnostics;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// Etiquette towards one real host: at most N requests in flight, and request starts spaced at
/// least 1/rate apart (a steady pace, no bursts). Shared by all tasks of a workload instance.
/// </summary>
internal sealed class HostGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly long _spacingTicks;
    private readonly Lock _pace = new();
    private long _nextStart;

    public HostGate(int maxConcurrent, double requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(requestsPerSecond, 0);
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _spacingTicks = (long)(Stopwatch.Frequency / requestsPerSecond);
        _nextStart = Stopwatch.GetTimestamp();
    }

    /// <summary>Blocks until a slot is free and the pace allows one more start; dispose the result to free the slot.</summary>
    public Releaser Enter(CancellationToken cancellationToken)
    {
        _slots.Wait(cancellationToken);
        try
        {
            var wait = ReserveStart();
            if (wait > TimeSpan.Zero)
            {
                cancellationToken.WaitHandle.WaitOne(wait);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }

        return new Releaser(_slots);
    }

    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wait = ReserveStart();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }

        return new Releaser(_slots);
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>Takes the next start time on the pace and says how long until it.</summary>
    private TimeSpan ReserveStart()
    {
        long start;
        var now = Stopwatch.GetTimestamp();
        lock (_pace)
        {
            start = Math.Max(now, _nextStart);
            _nextStart = start + _spacingTicks;
        }

        return Stopwatch.GetElapsedTime(now, start);
    }

    public readonly struct Releaser(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
