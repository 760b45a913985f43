using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Admission;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>The bounded queue of runs; runs execute one at a time.</summary>
public interface IRunQueue
{
    /// <summary>
    /// Validates and enqueues. Throws <see cref="Dashboard.Engine.Workloads.InvalidParametersException"/>
    /// for bad parameters or a plan over the budget (field "budget", see <see cref="RunBudget"/>), and
    /// <see cref="RunQueueFullException"/> when the queue is full.
    /// </summary>
    RunSummary Enqueue(RunPlan plan, string? label = null);

    /// <summary>Cancels a queued or running run; false when unknown or already finished.</summary>
    bool Cancel(long id);

    /// <summary>The run as it is now, or null when unknown.</summary>
    RunSummary? Find(long id);

    /// <summary>Runs known in memory (queued, running, recently finished), newest first.</summary>
    IReadOnlyList<RunSummary> List();
}
