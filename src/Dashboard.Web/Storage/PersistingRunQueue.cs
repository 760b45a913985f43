using Dashboard.Engine.Running;
using Dashboard.Web.Runs;

namespace Dashboard.Web.Storage;

/// <summary>
/// The <see cref="IRunQueue"/> that pages and the API get: the run service's queue, plus a record
/// in the store of each run queued or cancelled before it started. (Finished runs are stored by
/// <see cref="PersistRunOnCompletion"/>.)
/// </summary>
internal sealed class PersistingRunQueue(RunQueue inner, RunStateRecorder recorder) : IRunQueue
{
    public RunSummary Enqueue(RunPlan plan, string? label = null)
    {
        var run = inner.Enqueue(plan, label);
        recorder.Record(run);
        return run;
    }

    public bool Cancel(long id)
    {
        var cancelled = inner.Cancel(id);
        if (cancelled && inner.Find(id) is { IsFinished: true } run)
        {
            // Cancelled while queued: the run service never sees it, so nobody else stores it.
            recorder.Record(run);
        }

        return cancelled;
    }

    public RunSummary? Find(long id) => inner.Find(id);

    public IReadOnlyList<RunSummary> List() => inner.List();
}
