using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The live page's view of one run, folded from the feed's snapshot and batches. Not thread-safe:
/// the page applies messages on the renderer's dispatcher (InvokeAsync).
/// </summary>
public sealed class LiveRunModel
{
    private readonly Dictionary<string, StrategyProgress> _strategies = new(StringComparer.Ordinal);
    private readonly List<StrategyResult> _results = [];
    private long _lastSeq;

    public LiveRunModel(RunSummary run)
    {
        Run = run;
        var perStrategy = run.Plan.Parameters.TaskCount * (run.Plan.Repeat + run.Plan.Warmup);
        foreach (var strategy in run.Plan.StrategyRuns)
        {
            _strategies[strategy] = new StrategyProgress(strategy, perStrategy);
        }
    }

    public RunSummary Run { get; private set; }

    /// <summary>
    /// A finished run read back from the store (no events to fold): each strategy's counts come
    /// from its results, and its elapsed time is the sum of its repetitions' wall times.
    /// </summary>
    public static LiveRunModel FromStored(RunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var model = new LiveRunModel(run);
        foreach (var group in run.Results.GroupBy(r => r.Strategy, StringComparer.Ordinal))
        {
            if (!model._strategies.TryGetValue(group.Key, out var progress))
            {
                continue;
            }

            progress.Done = group.Sum(r => r.TasksOk + r.TasksFailed);
            progress.Failed = group.Sum(r => r.TasksFailed);
            progress.Repetition = group.Last().Repetition;
            progress.StartedWallMs = 0;
            progress.EndedWallMs = group.Sum(r => r.WallSeconds) * 1000;
            progress.Phase = group.Any(r => r.Cancelled) ? StrategyPhase.Cancelled : StrategyPhase.Finished;
        }

        // Strategies without results never ran; the ones above are final.
        model.Apply(new RunFeedBatch(run.Id, [], run));
        return model;
    }

    /// <summary>The plan's strategies, in order.</summary>
    public IEnumerable<StrategyProgress> Strategies => Run.Plan.StrategyRuns.Select(s => _strategies[s]);

    public StrategyProgress this[string strategy] => _strategies[strategy];

    /// <summary>Strategy repetitions finished so far: the run's own list once it has one, else what events told.</summary>
    public IReadOnlyList<StrategyResult> Results => Run.Results.Count >= _results.Count ? Run.Results : _results;

    /// <summary>
    /// Each strategy's runtime counters: the running repetition's samples live, else those of its
    /// last finished repetition (what the counter strip draws).
    /// </summary>
    public IReadOnlyList<CounterSample> CountersOf(string strategy)
    {
        if (_liveCounters.TryGetValue(strategy, out var live) && live.Count > 0)
        {
            return live;
        }

        return Results.LastOrDefault(r => r.Strategy == strategy && r.Counters is not null)?.Counters ?? [];
    }

    private readonly Dictionary<string, List<CounterSample>> _liveCounters = new(StringComparer.Ordinal);

    private readonly Dictionary<string, (string Lane, int Tasks)> _liveNodes = new(StringComparer.Ordinal);

    /// <summary>
    /// Lab nodes seen in this page's task events so far: the lane of its latest task ("pid:tid") and
    /// the tasks that ended on it (ok or failed), over every repetition. Empty for a run read from the store.
    /// </summary>
    public IReadOnlyDictionary<string, (string Lane, int Tasks)> LiveNodes => _liveNodes;

    /// <summary>How many events have been folded in (after de-duplication).</summary>
    public int EventCount { get; private set; }

    public void Apply(RunFeedMessage message)
    {
        switch (message)
        {
            case RunFeedSnapshot snapshot:
                Run = snapshot.Run;
                Apply(snapshot.Events);
                break;
            case RunFeedBatch batch:
                Apply(batch.Events);
                if (batch.Run is not null)
                {
                    Run = batch.Run;
                }

                break;
        }

        if (Run.IsFinished)
        {
            foreach (var progress in _strategies.Values.Where(p => p.Phase is StrategyPhase.Waiting or StrategyPhase.Running))
            {
                progress.Running = 0;
                progress.Phase = Run.State == RunState.Completed ? StrategyPhase.Finished
                    : progress.Phase == StrategyPhase.Waiting ? StrategyPhase.Skipped
                    : StrategyPhase.Cancelled;
            }
        }
    }

    private void Apply(IReadOnlyList<WireEvent> events)
    {
        foreach (var e in events)
        {
            // The feed promises nothing doubled; a reconnect that replays is still harmless here.
            if (e.Seq <= _lastSeq || !_strategies.TryGetValue(e.Strategy, out var progress))
            {
                continue;
            }

            _lastSeq = e.Seq;
            EventCount++;
            switch (e.Type)
            {
                case "counters" when e.Counters is { } sample:
                    if (!_liveCounters.TryGetValue(e.Strategy, out var samples))
                    {
                        _liveCounters[e.Strategy] = samples = [];
                    }

                    if (samples.Count < CounterSample.MaxPerRepetition)
                    {
                        samples.Add(sample);
                    }

                    break;
                case "strategy-started":
                    if (_liveCounters.TryGetValue(e.Strategy, out var previous))
                    {
                        previous.Clear(); // a new repetition: the strip follows it
                    }

                    progress.Phase = StrategyPhase.Running;
                    progress.Repetition = e.Repetition;
                    progress.StartedInRepetition = 0;
                    progress.StartRepetition(e.WallMs);
                    break;
                case "strategy-completed":
                    progress.Running = 0;
                    if (e.Result is { } result)
                    {
                        _results.Add(result);
                        if (result.Cancelled)
                        {
                            progress.Phase = StrategyPhase.Cancelled;
                        }
                    }

                    progress.EndedWallMs = e.WallMs;
                    if (progress.Phase != StrategyPhase.Cancelled && progress.Done >= progress.Total)
                    {
                        progress.Phase = StrategyPhase.Finished;
                    }

                    break;
                case WireEventConverter.TallyType when e.Tally is { } tally:
                    // A large run's tasks, counted per time bucket: the same sums the task events would make.
                    progress.Running = Math.Max(0, progress.Running + tally.Started - tally.Ended);
                    progress.StartedInRepetition += tally.Started;
                    progress.Done += tally.Ok + tally.Failed;
                    progress.Failed += tally.Failed;
                    break;
                case "task":
                    ApplyTask(progress, e.Kind);
                    if (e.Node is { Length: > 0 } node)
                    {
                        ApplyNode(node, e);
                    }

                    break;
            }
        }
    }

    private void ApplyNode(string node, WireEvent e)
    {
        var known = _liveNodes.TryGetValue(node, out var seen);
        if (!known && _liveNodes.Count >= Engine.Cluster.NodeSummary.MaxNodes)
        {
            return;
        }

        var ended = string.Equals(e.Kind, "completed", StringComparison.OrdinalIgnoreCase) || string.Equals(e.Kind, "failed", StringComparison.OrdinalIgnoreCase);
        _liveNodes[node] = (e.Lane ?? seen.Lane ?? "", seen.Tasks + (ended ? 1 : 0));
    }

    private static void ApplyTask(StrategyProgress progress, string? kind)
    {
        if (!Enum.TryParse<TaskEventKind>(kind, ignoreCase: true, out var parsed))
        {
            return;
        }

        switch (parsed)
        {
            case TaskEventKind.Started:
                progress.Running++;
                progress.StartedInRepetition++;
                break;
            case TaskEventKind.Completed:
                progress.Done++;
                progress.Running = Math.Max(0, progress.Running - 1);
                break;
            case TaskEventKind.Failed:
                progress.Done++;
                progress.Failed++;
                progress.Running = Math.Max(0, progress.Running - 1);
                break;
            case TaskEventKind.Cancelled:
                // A cancelled task is not done work: it leaves the bar short, which is the truth.
                progress.Running = Math.Max(0, progress.Running - 1);
                break;
        }
    }
}
