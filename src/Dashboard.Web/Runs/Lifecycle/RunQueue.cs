using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.Options;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Host;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// The bounded queue and the in-memory registry of runs (queued, running, recently finished).
/// <see cref="RunService"/> takes runs from it one at a time. Every state change goes through
/// here, made by <see cref="RunLifecycle"/> (start, cancel, end, the app's stop) and checked again by
/// <see cref="LiveRun.Move"/> under the run's lock, and is then told
/// to the registered <see cref="IRunObserver"/>s under the queue's lock, so each observer hears a
/// run's changes in the order they happened (observers only hand the work off; they never block).
/// </summary>
public sealed class RunQueue : IRunQueue
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, LiveRun> _runs = [];
    private readonly LinkedList<LiveRun> _queued = new();
    private readonly LinkedList<LiveRun> _finished = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly RunServiceOptions _options;
    private readonly RunBudget _budget;
    private readonly TimeProvider _time;
    private readonly ILogger<RunQueue> _logger;
    private readonly IRunObserver[] _observers;
    private readonly RuntimeAvailability? _runtimes;
    private readonly LabTargetAddress? _targets;
    private readonly RunOutputLocations? _outputs;
    private long _lastId;

    public RunQueue(IOptions<RunServiceOptions> options, RunBudget budget, TimeProvider time, ILogger<RunQueue> logger)
        : this(options, budget, time, logger, [])
    {
    }

    /// <param name="runtimes">Refuses python/both runs where Python cannot run; null = no check (tests of the queue alone).</param>
    /// <param name="outputs">Refuses memory-output runs that do not fit in memory here; null = no check.</param>
    public RunQueue(IOptions<RunServiceOptions> options, RunBudget budget, TimeProvider time, ILogger<RunQueue> logger, IEnumerable<IRunObserver> observers,
        RuntimeAvailability? runtimes = null, LabTargetAddress? targets = null, RunOutputLocations? outputs = null)
    {
        _runtimes = runtimes;
        _targets = targets;
        _outputs = outputs;
        _options = options.Value;
        _budget = budget;
        _time = time;
        _logger = logger;
        _observers = [.. observers];
    }

    public int Capacity => _options.QueueCapacity;

    public RunSummary Enqueue(RunPlan plan, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = plan.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidParametersException(errors);
        }

        // Every entry point (page, API, bench-like scripts) ends here: the one budget check.
        _budget.ThrowIfOverBudget(plan);
        _runtimes?.ThrowIfUnavailable(plan);
        _targets?.ThrowIfUnavailable(plan);
        _outputs?.ThrowIfUnavailable(plan);

        RunLabel.ThrowIfInvalid(label);
        label = RunLabel.Normalize(label);

        LiveRun run;
        lock (_gate)
        {
            if (_queued.Count >= _options.QueueCapacity)
            {
                throw new RunQueueFullException(_options.QueueCapacity);
            }

            var id = ++_lastId;
            run = new LiveRun(
                new RunSummary(id, label, plan, RunState.Queued, _queued.Count + 1, _time.GetUtcNow(), null, null, null, []),
                _options.MaxEventsPerRun, _options.Aggregates(plan));
            _runs.Add(id, run);
            _queued.AddLast(run);
            Tell(new RunTransition(null, run.Summary));
        }

        _available.Release();
        var summary = run.Summary;
        _logger.LogInformation(
            "Run {RunId} queued at position {QueuePosition}: {Workload} x {TaskCount} tasks, strategies {Strategies}, repeat {Repeat}",
            summary.Id, summary.QueuePosition, plan.Parameters.Workload, plan.Parameters.TaskCount, plan.Strategies, plan.Repeat);
        return summary;
    }

    public bool Cancel(long id)
    {
        LiveRun? run;
        RunTransition? cancelled = null;
        lock (_gate)
        {
            if (!_runs.TryGetValue(id, out run))
            {
                return false;
            }

            var state = run.Summary.State;
            if (state == RunState.Queued && _queued.Remove(run))
            {
                run.RequestCancel();
                cancelled = run.Move(s => RunLifecycle.End(s, RunOutcome.Cancelled, _time.GetUtcNow()), Tell);
                RetireLocked(run);
                RenumberLocked();
            }
            else if (state != RunState.Running || run.CancelRequested)
            {
                return false;
            }
        }

        if (cancelled is not null)
        {
            _logger.LogInformation("Run {RunId} cancelled while queued", id);
            return true;
        }

        // The service sees the token, the engine stops and kills its workers; the state turns
        // Cancelled when the engine has let go of everything.
        _logger.LogInformation("Run {RunId} cancel requested while running", id);
        run.RequestCancel();
        return true;
    }

    public RunSummary? Find(long id) => Get(id)?.Summary;

    public IReadOnlyList<RunSummary> List()
    {
        lock (_gate)
        {
            return _runs.Values.Select(r => r.Summary).OrderByDescending(s => s.Id).ToArray();
        }
    }

    /// <summary>The live run, or null when unknown (or forgotten).</summary>
    public LiveRun? Get(long id)
    {
        lock (_gate)
        {
            return _runs.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// Forgets a finished run (it was deleted): it leaves the registry of recent runs, so nothing
    /// shows it from memory any more. False when unknown or not finished.
    /// </summary>
    public bool Forget(long id)
    {
        lock (_gate)
        {
            if (!_runs.TryGetValue(id, out var run) || !RunLifecycle.IsFinal(run.Summary.State))
            {
                return false;
            }

            _runs.Remove(id);
            _finished.Remove(run);
            return true;
        }
    }

    /// <summary>
    /// For storage: new ids continue above <paramref name="id"/> (call at start-up with the
    /// largest stored id so ids stay unique across restarts).
    /// </summary>
    public void EnsureIdsAbove(long id)
    {
        lock (_gate)
        {
            _lastId = Math.Max(_lastId, id);
        }
    }

    /// <summary>A fresh id that no queued run will take (for runs that enter through an import).</summary>
    public long ReserveId()
    {
        lock (_gate)
        {
            return ++_lastId;
        }
    }

    /// <summary>Waits for the next queued run and marks it running.</summary>
    internal async Task<LiveRun> DequeueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // A run cancelled while queued leaves a spare count behind; the loop skips it.
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            LiveRun run;
            lock (_gate)
            {
                if (_queued.First is not { } node)
                {
                    continue;
                }

                run = node.Value;
                _queued.RemoveFirst();
                run.Move(s => RunLifecycle.Start(s, _time.GetUtcNow()), Tell);
                RenumberLocked();
            }

            return run;
        }
    }

    /// <summary>
    /// A running run has ended in <paramref name="completed"/>'s summary (made by <see cref="RunLifecycle.End"/>):
    /// moves the run, with its environment, and wakes its watchers for their last batch at once; then
    /// tells the observers (awaited, each failure logged: storage saves the run) while
    /// <see cref="LiveRun.Saving"/> says the save is pending, so readers of the stored run wait for it
    /// (storage's history does). Keeps the run for late watchers (forgetting the oldest beyond the limits).
    /// <paramref name="cancellationToken"/> bounds the observers only: the run ends either way.
    /// </summary>
    internal async Task<RunSummary> FinishAsync(LiveRun run, CompletedRun completed, CancellationToken cancellationToken)
    {
        var final = completed.Summary;
        if (!RunLifecycle.IsFinal(final.State))
        {
            throw new InvalidRunTransitionException(run.Id, run.Summary.State, final.State);
        }

        RunLifecycle.EnsureCanMove(run.Id, run.Summary.State, final.State);
        var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        RunTransition finished;
        lock (_gate)
        {
            // The observers hear this move below, with the run's events: it is not told twice.
            finished = run.End(final, completed.Environment, saved.Task);
            RetireLocked(run);
        }

        Telemetry.RunEndSteps.Mark(Telemetry.RunEndSteps.Published, run.Id);
        var storing = Telemetry.RunEndSteps.Start(Telemetry.RunEndSteps.Stored, run.Id);
        try
        {
            foreach (var observer in _observers)
            {
                try
                {
                    await observer.OnRunEndedAsync(completed, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    _logger.LogError(ex, "Run {RunId}: observer {Observer} failed on its end", run.Id, observer.GetType().Name);
                }
                catch (OperationCanceledException)
                {
                    _logger.LogError("Run {RunId}: observer {Observer} did not take its end in time", run.Id, observer.GetType().Name);
                }
            }
        }
        finally
        {
            // Readers waiting for the save go on either way (a failed save leaves the row as last written).
            Telemetry.RunEndSteps.Stop(storing);
            saved.TrySetResult();
        }

        return finished.Run;
    }

    /// <summary>A running run finished one strategy repetition (<paramref name="ordinal"/> in its results): tells the observers.</summary>
    internal async Task RepetitionFinishedAsync(LiveRun run, int ordinal, CancellationToken cancellationToken)
    {
        var summary = run.Summary;
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnRepetitionFinishedAsync(summary, ordinal, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogError(ex, "Run {RunId}: observer {Observer} failed on repetition {Ordinal}", run.Id, observer.GetType().Name, ordinal);
            }
        }
    }

    /// <summary>The app is stopping: queued runs will never run.</summary>
    internal void InterruptQueued()
    {
        lock (_gate)
        {
            while (_queued.First is { } node)
            {
                _queued.RemoveFirst();
                node.Value.Move(s => RunLifecycle.End(s, RunOutcome.AppStopped, _time.GetUtcNow()), Tell);
                RetireLocked(node.Value);
            }
        }
    }

    private void Tell(RunTransition transition)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnTransition(transition);
            }
            catch (Exception ex)
            {
                // An observer is a bystander: its failure must not undo or block the run's move.
                _logger.LogError(ex, "Run {RunId}: observer {Observer} failed on {State}", transition.Run.Id, observer.GetType().Name, transition.To);
            }
        }
    }

    private void RetireLocked(LiveRun run)
    {
        _finished.AddFirst(run);
        var index = 0;
        for (var node = _finished.First; node is not null;)
        {
            var next = node.Next;
            if (index >= _options.KeepFinished)
            {
                _finished.Remove(node);
                _runs.Remove(node.Value.Id);
            }
            else if (index >= _options.KeepFinishedEvents)
            {
                node.Value.ReleaseEvents();
            }

            index++;
            node = next;
        }
    }

    private void RenumberLocked()
    {
        var position = 1;
        foreach (var queued in _queued)
        {
            var p = position++;
            if (queued.Summary.QueuePosition != p)
            {
                queued.UpdateSummary(s => s with { QueuePosition = p }, ringNow: true);
            }
        }
    }
}
