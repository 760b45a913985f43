using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Runs;

/// <summary>
/// The bounded queue and the in-memory registry of runs (queued, running, recently finished).
/// <see cref="RunService"/> takes runs from it one at a time.
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
    private long _lastId;

    public RunQueue(IOptions<RunServiceOptions> options, RunBudget budget, TimeProvider time, ILogger<RunQueue> logger)
    {
        _options = options.Value;
        _budget = budget;
        _time = time;
        _logger = logger;
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

        if (label is { Length: > 200 })
        {
            throw new InvalidParametersException(new Dictionary<string, string[]>
            {
                ["label"] = ["label must be at most 200 characters."],
            });
        }

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
                _options.MaxEventsPerRun);
            _runs.Add(id, run);
            _queued.AddLast(run);
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
                run.Finish(s => s with { State = RunState.Cancelled, QueuePosition = null, EndedAt = _time.GetUtcNow() });
                RetireLocked(run);
                RenumberLocked();
                _logger.LogInformation("Run {RunId} cancelled while queued", id);
                return true;
            }

            if (state != RunState.Running || run.CancelRequested)
            {
                return false;
            }
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
            lock (_gate)
            {
                if (_queued.First is not { } node)
                {
                    continue;
                }

                var run = node.Value;
                _queued.RemoveFirst();
                run.UpdateSummary(s => s with { State = RunState.Running, QueuePosition = null, StartedAt = _time.GetUtcNow() }, ringNow: true);
                RenumberLocked();
                return run;
            }
        }
    }

    /// <summary>A run has finished: keep it for late watchers, forget the oldest beyond the limits.</summary>
    internal void Retire(LiveRun run)
    {
        lock (_gate)
        {
            RetireLocked(run);
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
                node.Value.Finish(s => s with { State = RunState.Interrupted, QueuePosition = null, EndedAt = _time.GetUtcNow(), Error = "The app stopped before the run started." });
                RetireLocked(node.Value);
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
