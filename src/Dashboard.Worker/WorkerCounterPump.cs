using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;

namespace Dashboard.Worker;

/// <summary>
/// Sends this worker's runtime counters to the parent every <see cref="WorkerJob.CounterIntervalMs"/>
/// from a dedicated thread (a pool timer would stall exactly when the pool is starved), and one
/// last sample when disposed.
/// </summary>
internal sealed class WorkerCounterPump : IDisposable
{
    private readonly WorkerOutput _output;
    private readonly TimeSpan _interval;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private ProcessCounters.Reading _previous;

    private WorkerCounterPump(WorkerOutput output, TimeSpan interval)
    {
        _output = output;
        _interval = interval;
        _previous = ProcessCounters.Read();
        _thread = new Thread(Loop) { IsBackground = true, Name = "counter pump" };
        _thread.Start();
    }

    /// <summary>Starts pumping when the job asks for counters (interval within 10-1000 ms); null otherwise.</summary>
    public static WorkerCounterPump? Start(WorkerJob job, WorkerOutput output) =>
        job.CounterIntervalMs is >= 10 and <= 1000 and var ms ? new WorkerCounterPump(output, TimeSpan.FromMilliseconds(ms)) : null;

    public void Dispose()
    {
        if (_stop.IsSet)
        {
            return;
        }

        _stop.Set();
        _thread.Join();
        Send();
        _stop.Dispose();
    }

    private void Loop()
    {
        while (!_stop.Wait(_interval))
        {
            Send();
        }
    }

    private void Send()
    {
        var now = ProcessCounters.Read();
        var sample = ProcessCounters.Between(_previous, now, now.Timestamp, Environment.ProcessId);
        _previous = now;
        _output.Send(WorkerCounters.From(sample, now.Timestamp));
    }
}
