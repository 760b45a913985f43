using System.Threading.Channels;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Storage;

/// <summary>
/// Storage's view of runs: an <see cref="IRunObserver"/> of the queue that writes what it hears to
/// the store in the background, in the order it heard it, through one bounded channel. A run is
/// recorded when it is queued and when it starts (so a restart finds the runs it must mark
/// interrupted), each strategy repetition as soon as it finishes (so a crash keeps them), and the
/// whole run at its end (<see cref="OnRunEndedAsync"/>, which the queue awaits while readers of
/// the stored run wait for it: <see cref="LiveRun.Saving"/>). The request that queues a run never waits on the database.
/// </summary>
/// <remarks>
/// Not a hosted service on purpose: hosts stop services in reverse order, which would stop this
/// writer before the run service stores its interrupted run. The writer runs until the container
/// disposes it, after every hosted service has stopped, and then drains within a bound.
/// </remarks>
public sealed class RunStateRecorder : IRunObserver, IAsyncDisposable, IDisposable
{
    /// <summary>Writes that may wait; a full channel drops a state record (logged), never a repetition or an end.</summary>
    public const int Capacity = 1_024;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<Work> _pending = Channel.CreateBounded<Work>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly CancellationTokenSource _stopping = new();
    private readonly IRunStore _store;
    private readonly ILogger<RunStateRecorder> _logger;
    private readonly Task _writing;
    private int _disposed;

    public RunStateRecorder(IRunStore store, ILogger<RunStateRecorder> logger)
    {
        _store = store;
        _logger = logger;
        _writing = Task.Run(WriteAllAsync);
    }

    public void OnTransition(RunTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);

        if (!_pending.Writer.TryWrite(new StateWork(transition.Run)))
        {
            // The run's next record (its start, a repetition, its end) writes the row anyway.
            _logger.LogWarning("Run {RunId}: store writer is behind ({Capacity} writes waiting); state {State} not recorded",
                transition.Run.Id, Capacity, transition.To);
        }
    }

    public async Task OnRepetitionFinishedAsync(RunSummary run, int ordinal, CancellationToken cancellationToken) =>
        await _pending.Writer.WriteAsync(new RepetitionWork(run, ordinal), cancellationToken);

    /// <summary>Stores a run that ran and ended, environment included (after everything heard before it), and returns when it is stored.</summary>
    public async Task OnRunEndedAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var work = new FinishWork(run.Summary, run.Environment);
        await _pending.Writer.WriteAsync(work, cancellationToken);
        await work.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // The container may dispose it twice (as itself and as an IRunObserver).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _pending.Writer.TryComplete();
        _stopping.CancelAfter(DrainTimeout);
        await _writing;
        _stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteAllAsync()
    {
        await foreach (var work in _pending.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                switch (work)
                {
                    case StateWork state:
                        await _store.SaveStateAsync(state.Run, _stopping.Token);
                        break;
                    case RepetitionWork repetition:
                        await _store.AppendResultAsync(repetition.Run, repetition.Ordinal, _stopping.Token);
                        break;
                    case FinishWork finish:
                        await _store.SaveAsync(finish.Run, finish.Environment, imported: false, _stopping.Token);
                        finish.Done.TrySetResult();
                        break;
                }
            }
            catch (Exception ex)
            {
                if (work is FinishWork finish)
                {
                    // The queue logs it as this observer's failure.
                    finish.Done.TrySetException(ex);
                }
                else
                {
                    _logger.LogError(ex, "Run {RunId}: could not record {Work} ({State})", work.Run.Id, work.GetType().Name, work.Run.State);
                }
            }
        }
    }

    private abstract record Work(RunSummary Run);

    private sealed record StateWork(RunSummary Run) : Work(Run);

    private sealed record RepetitionWork(RunSummary Run, int Ordinal) : Work(Run);

    private sealed record FinishWork(RunSummary Run, RunEnvironment? Environment) : Work(Run)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
