using System.Threading.Channels;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Tests.Runs;

/// <summary>
/// A hand-written engine whose events the test writes itself, so the feed's ordering and batching can
/// be driven exactly. Like the real engine, cancelling the token ends the event stream and completes the
/// run as cancelled. Integration tests use the real engine instead.
/// </summary>
public sealed class ScriptedLabRunner : ILabRunner
{
    private readonly Channel<ScriptedRun> _started = Channel.CreateUnbounded<ScriptedRun>();
    private int _active;
    private int _maxActive;

    /// <summary>The largest number of runs that were started and not yet completed at one time.</summary>
    public int MaxConcurrentRuns => Volatile.Read(ref _maxActive);

    public LabRun Start(RunPlan plan, WorkloadEnvironment environment, CancellationToken cancellationToken)
    {
        var active = Interlocked.Increment(ref _active);
        int seen;
        while ((seen = Volatile.Read(ref _maxActive)) < active && Interlocked.CompareExchange(ref _maxActive, active, seen) != seen)
        {
        }

        var run = new ScriptedRun(plan, environment, () => Interlocked.Decrement(ref _active), cancellationToken);
        _started.Writer.TryWrite(run);
        return run.LabRun;
    }

    /// <summary>The next run the service starts.</summary>
    public async Task<ScriptedRun> NextStartedAsync(CancellationToken cancellationToken) =>
        await _started.Reader.ReadAsync(cancellationToken);
}
