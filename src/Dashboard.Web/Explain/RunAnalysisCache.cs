using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Explain;

/// <summary>
/// A run's <see cref="RunAnalysis"/>, computed once however many pages and API requests read it.
/// Ten pages watching a 10,000-task run used to repeat its statistics (the task-duration mvalue
/// over 5,000 durations per strategy) several times each, all at the moment the run ended; now
/// the first reader computes and the others wait for that one result.
/// Keyed by run id and a version (<see cref="RunAnalysisVersion"/>): repetitions so far, spans
/// held (a stored run's spans may be a sample) and whether the environment is known, so a live
/// run gets one analysis per ended repetition, shared by every watching page. At most
/// <see cref="Capacity"/> analyses, least recently used out first; a run's own are dropped when it
/// is saved again, relabelled, deleted or pruned by retention, and only then (a save of another run
/// keeps them: a classroom watching a finished big run does not pay for it again when someone runs).
/// </summary>
public sealed class RunAnalysisCache : Storage.IRunStoreListener
{
    /// <summary>Most analyses kept (a few versions of the runs people are looking at).</summary>
    public const int Capacity = 32;

    private readonly Lock _gate = new();
    private readonly Dictionary<(long RunId, RunAnalysisVersion Version), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recent = new();
    private long _computations;

    /// <summary>How many analyses were computed (not read from the cache) since start: the test hook that shows sharing.</summary>
    public long Computations => Interlocked.Read(ref _computations);

    /// <summary>Analyses held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The runs that have an analysis held now (for tests and diagnostics).</summary>
    public IReadOnlyList<long> RunIds()
    {
        lock (_gate)
        {
            return [.. _recent.Select(e => e.RunId).Distinct()];
        }
    }

    /// <summary>The run's analysis for these repetitions and environment: cached, or computed once on this thread (concurrent readers wait for it).</summary>
    public RunAnalysis Get(long runId, RunPlan plan, RunEnvironment? environment, IReadOnlyList<StrategyResult> results) =>
        Start(runId, plan, environment, results, onThisThread: true).GetAwaiter().GetResult();

    /// <summary>
    /// As <see cref="Get"/>, but a computation it starts runs on the thread pool, and every reader
    /// awaits the same one: ten pages hearing a run's end hold no thread while the first computes.
    /// </summary>
    public Task<RunAnalysis> GetAsync(long runId, RunPlan plan, RunEnvironment? environment, IReadOnlyList<StrategyResult> results) =>
        Start(runId, plan, environment, results, onThisThread: false);

    private Task<RunAnalysis> Start(long runId, RunPlan plan, RunEnvironment? environment, IReadOnlyList<StrategyResult> results, bool onThisThread)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var key = (runId, RunAnalysisVersion.Of(environment, results));
        TaskCompletionSource<RunAnalysis>? mine = null;
        StrategyResult[] snapshot = [];
        Task<RunAnalysis> analysis;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                analysis = node.Value.Analysis;
            }
            else
            {
                // A live page's list grows as repetitions end: the analysis keeps the repetitions it was asked about.
                snapshot = results.ToArray();
                mine = new TaskCompletionSource<RunAnalysis>(TaskCreationOptions.RunContinuationsAsynchronously);
                analysis = mine.Task;
                _entries[key] = _recent.AddFirst(new Entry(key.runId, key.Item2, analysis));
                while (_entries.Count > Capacity && _recent.Last is { } oldest)
                {
                    _recent.RemoveLast();
                    _entries.Remove((oldest.Value.RunId, oldest.Value.Version));
                }
            }
        }

        // Outside the lock: one run's computation never holds up another run's readers.
        if (mine is not null)
        {
            if (onThisThread)
            {
                Compute(mine, runId, plan, environment, snapshot);
            }
            else
            {
                _ = Task.Run(() => Compute(mine, runId, plan, environment, snapshot), CancellationToken.None);
            }
        }

        return analysis;
    }

    private void Compute(TaskCompletionSource<RunAnalysis> analysis, long runId, RunPlan plan, RunEnvironment? environment, StrategyResult[] results)
    {
        Interlocked.Increment(ref _computations);
        var analysing = Telemetry.RunEndSteps.Start(Telemetry.RunEndSteps.Analysed, runId);
        try
        {
            analysis.SetResult(RunAnalysis.Of(plan, environment, results));
        }
        catch (Exception e)
        {
            // Every reader sees the failure, as the one computation's.
            analysis.SetException(e);
        }
        finally
        {
            Telemetry.RunEndSteps.Stop(analysing);
        }
    }

    /// <summary>
    /// Forgets every finished analysis of one run (it was stored again, deleted or pruned). One still
    /// being computed stays: it is of the repetitions it was asked about (its version), which a save
    /// cannot change, and the run's end is saved while its analysis runs: dropping it made every page
    /// that heard the end after the save start a second one (11 of 38 ten-page runs). A deleted run's
    /// computation in flight ages out with the least recently used.
    /// </summary>
    public void Invalidate(long runId)
    {
        lock (_gate)
        {
            for (var node = _recent.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.RunId == runId && node.Value.Analysis.IsCompleted)
                {
                    _entries.Remove((runId, node.Value.Version));
                    _recent.Remove(node);
                }

                node = next;
            }
        }
    }

    void Storage.IRunStoreListener.Attached()
    {
    }

    void Storage.IRunStoreListener.RunChanged(long runId) => Invalidate(runId);

    private sealed record Entry(long RunId, RunAnalysisVersion Version, Task<RunAnalysis> Analysis);
}
