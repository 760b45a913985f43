using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Components;

/// <summary>A run queue that keeps what it is given, validates like the real one, and can be told to be full.</summary>
internal sealed class FakeRunQueue : IRunQueue
{
    private readonly List<RunSummary> _runs = [];
    private long _nextId = 41;

    public bool Full { get; set; }

    /// <summary>Weighs plans as the real queue does, when set.</summary>
    public RunBudget? Budget { get; set; }

    public List<RunPlan> Enqueued { get; } = [];

    public List<long> Cancelled { get; } = [];

    public RunSummary Enqueue(RunPlan plan, string? label = null)
    {
        var errors = plan.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidParametersException(errors);
        }

        Budget?.ThrowIfOverBudget(plan);
        if (Full)
        {
            throw new RunQueueFullException(20);
        }

        Enqueued.Add(plan);
        var run = TestRuns.Summary(++_nextId, plan, RunState.Queued, queuePosition: 1);
        _runs.Add(run);
        return run;
    }

    public void Add(RunSummary run) => _runs.Add(run);

    public bool Cancel(long id)
    {
        Cancelled.Add(id);
        return _runs.Any(r => r.Id == id && !r.IsFinished);
    }

    public RunSummary? Find(long id) => _runs.LastOrDefault(r => r.Id == id);

    public IReadOnlyList<RunSummary> List() => _runs.AsEnumerable().Reverse().ToList();
}
