using Dashboard.Engine.Running;

namespace Dashboard.Engine.Workers;

/// <summary>
/// Samples a child process tree from outside (<see cref="ProcessTreeReading"/>) every interval and
/// adds the samples to the repetition's counters, so a Python twin's CPU, threads and memory reach
/// the counter strip like a .NET worker's (which samples itself). It counts the tasks the tree has in
/// flight from the task messages it is told about, and from the tree's resident memory above its
/// level when the runner was ready, gives the memory per task in flight.
/// </summary>
internal sealed class ProcessTreeSampler : IAsyncDisposable
{
    private readonly int _processId;
    private readonly long _origin;
    private readonly CounterSampler _counters;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private ProcessTreeReading? _previous;
    private long _baselineBytes = -1;
    private int _inFlight;

    public ProcessTreeSampler(int processId, long origin, TimeSpan interval, CounterSampler counters)
    {
        _processId = processId;
        _origin = origin;
        _counters = counters;
        _loop = LoopAsync(interval, _stop.Token);
    }

    /// <summary>The runner is ready: what the tree holds now is the interpreter's, not the tasks'.</summary>
    public void Ready()
    {
        if (ProcessTreeReading.TryRead(_processId, MonotonicClock.Now, out var now))
        {
            Interlocked.Exchange(ref _baselineBytes, now.ResidentBytes);
        }
    }

    public void TaskStarted() => Interlocked.Increment(ref _inFlight);

    public void TaskEnded()
    {
        if (Interlocked.Decrement(ref _inFlight) < 0)
        {
            Interlocked.Increment(ref _inFlight); // an end without a start (the runner never reported it)
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                SampleOnce();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void SampleOnce()
    {
        if (!ProcessTreeReading.TryRead(_processId, MonotonicClock.Now, out var now))
        {
            return;
        }

        var previous = _previous;
        _previous = now;
        if (previous is not { } before)
        {
            return; // CPU is a rate: the first reading only sets the start
        }

        var wall = MonotonicClock.Seconds(before.Timestamp, now.Timestamp);
        var user = wall > 0 ? Math.Max(0, now.UserSeconds - before.UserSeconds) / wall * 100 : 0;
        var system = wall > 0 ? Math.Max(0, now.SystemSeconds - before.SystemSeconds) / wall * 100 : 0;
        var inFlight = Math.Max(0, Volatile.Read(ref _inFlight));
        var baseline = Interlocked.Read(ref _baselineBytes);
        _counters.Add(new CounterSample(
            Math.Round(MonotonicClock.Seconds(_origin, now.Timestamp), 6), _processId,
            Math.Round(user + system, 1), Math.Round(user, 1), Math.Round(system, 1), now.Threads,
            PoolThreads: 0, PoolQueue: 0, GcPauseMs: 0, AllocatedMb: 0, Math.Round(now.ResidentBytes / 1048576.0, 3))
        {
            TasksInFlight = baseline >= 0 ? inFlight : null,
            BytesPerTask = baseline >= 0 && inFlight > 0 ? Math.Round(Math.Max(0, now.ResidentBytes - baseline) / (double)inFlight, 1) : null,
        });
    }
}
