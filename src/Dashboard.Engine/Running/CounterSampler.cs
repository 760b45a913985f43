using System.Threading.Channels;

namespace Dashboard.Engine.Running;

/// <summary>
/// Samples this process's counters every interval while one strategy repetition runs, and keeps
/// the samples worker processes send (<see cref="Add"/>). Samples go live into the run's event
/// channel and are kept for the result, at most <see cref="MaxSamples"/>: beyond that every other
/// kept sample is dropped and the rest stay evenly spread.
/// </summary>
/// <remarks>
/// A dedicated thread, not a timer: timer callbacks run on the thread pool, and the moments worth
/// seeing (a starved pool) are exactly when a pool callback would not run.
/// </remarks>
internal sealed class CounterSampler : IDisposable
{
    /// <summary>Most samples kept per strategy repetition (all processes together).</summary>
    public const int MaxSamples = CounterSample.MaxPerRepetition;

    private readonly List<CounterSample> _samples = [];
    private readonly ChannelWriter<LabEvent>? _events;
    private readonly string _strategy;
    private readonly int _repetition;
    private readonly long _origin;
    private readonly TimeSpan _interval;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private readonly int _processId = Environment.ProcessId;
    private readonly Func<int>? _inFlight;
    private readonly long _baselineBytes;
    private ProcessCounters.Reading _previous;

    /// <param name="inFlight">Tasks in flight in this process now (<see cref="TaskRecorder.InFlightHere"/>); null: no memory per task.</param>
    public CounterSampler(TimeSpan interval, long origin, string strategy, int repetition, ChannelWriter<LabEvent>? events, Func<int>? inFlight = null)
    {
        _inFlight = inFlight;
        _interval = interval;
        _origin = origin;
        _strategy = strategy;
        _repetition = repetition;
        _events = events;
        _previous = ProcessCounters.Read();

        // Taken before the repetition's tasks start: what they add above it is theirs.
        _baselineBytes = _previous.WorkingSetBytes;
        _thread = new Thread(Loop) { IsBackground = true, Name = "counter sampler" };
        _thread.Start();
    }

    /// <summary>Adds a sample taken elsewhere (a worker process), already on this repetition's time axis.</summary>
    public void Add(CounterSample sample)
    {
        lock (_samples)
        {
            Keep(sample);
        }

        _events?.TryWrite(new CountersSampled(_strategy, _repetition, sample));
    }

    /// <summary>Stops sampling, takes one last sample and returns every kept sample in time order.</summary>
    public IReadOnlyList<CounterSample> Stop()
    {
        if (!_stop.IsSet)
        {
            _stop.Set();
            _thread.Join();
            SampleOnce();
        }

        lock (_samples)
        {
            return [.. _samples.OrderBy(s => s.T)];
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private void Loop()
    {
        while (!_stop.Wait(_interval))
        {
            SampleOnce();
        }
    }

    private void SampleOnce()
    {
        var now = ProcessCounters.Read();
        var sample = ProcessCounters.Between(_previous, now, _origin, _processId);
        _previous = now;
        if (_inFlight?.Invoke() is { } inFlight)
        {
            sample = sample with
            {
                TasksInFlight = inFlight,
                BytesPerTask = inFlight > 0 ? Math.Round(Math.Max(0, now.WorkingSetBytes - _baselineBytes) / (double)inFlight, 1) : null,
            };
        }

        Add(sample);
    }

    private void Keep(CounterSample sample)
    {
        if (_samples.Count >= MaxSamples)
        {
            // Halve, keeping every other sample: the strip stays evenly spread over the whole run.
            var w = 0;
            for (var r = 0; r < _samples.Count; r += 2)
            {
                _samples[w++] = _samples[r];
            }

            _samples.RemoveRange(w, _samples.Count - w);
        }

        _samples.Add(sample);
    }
}
