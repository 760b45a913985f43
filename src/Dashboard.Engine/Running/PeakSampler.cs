namespace Dashboard.Engine.Running;

/// <summary>Samples this process's working set on a timer and keeps the highest value.</summary>
internal sealed class PeakSampler
{
    private readonly Timer _timer;
    private long _peak;

    public PeakSampler(TimeSpan interval)
    {
        Baseline = Environment.WorkingSet;
        Sample();
        _timer = new Timer(_ => Sample(), null, interval, interval);
    }

    /// <summary>Stops sampling and returns the peak in bytes.</summary>
    /// <summary>This process's working set when sampling began, before the repetition's first task.</summary>
    public long Baseline { get; }

    public long Stop()
    {
        _timer.Dispose();
        Sample();
        return Interlocked.Read(ref _peak);
    }

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }
}
