using System.Threading.Channels;
using Dashboard.Web.Runs;

namespace Dashboard.Web.Storage;

/// <summary>
/// Writes runs that enter the queue (and runs cancelled before they start) to the store in the
/// background, in order, so the request that queued a run never waits on the database and a
/// restart finds the runs it must mark interrupted. The store never lets such a write undo a
/// finished run, so it may land after the completion write without harm.
/// </summary>
public sealed class RunStateRecorder(IRunStore store, ILogger<RunStateRecorder> logger) : BackgroundService
{
    private readonly Channel<RunSummary> _pending = Channel.CreateUnbounded<RunSummary>(
        new UnboundedChannelOptions { SingleReader = true });

    public void Record(RunSummary run) => _pending.Writer.TryWrite(run);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var run in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await store.SaveAsync(run, environment: null, imported: false, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Run {RunId}: could not record state {State}", run.Id, run.State);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still pending is queued runs, which the next start marks interrupted anyway.
        }
    }
}
