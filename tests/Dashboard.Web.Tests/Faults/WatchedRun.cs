using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Faults;

/// <summary>A finished run and every event its feed delivered, in order.</summary>
internal sealed record WatchedRun(RunSummary Summary, IReadOnlyList<WireEvent> Events)
{
    public IEnumerable<WireEvent> TaskEvents => Events.Where(e => e.Type == WireEventConverter.TaskType);

    /// <summary>The one completed, failed or cancelled event of each task, by strategy and repetition.</summary>
    public IEnumerable<WireEvent> Terminal => TaskEvents.Where(e => e.Kind is "completed" or "failed" or "cancelled");

    /// <summary>Process ids of the worker processes tasks ran in (lanes "pid:tid" not of this process).</summary>
    public IReadOnlySet<int> WorkerPids => TaskEvents
        .Where(e => e.Lane is not null)
        .Select(e => Lane.Parse(e.Lane!).ProcessId)
        .Where(pid => pid != Environment.ProcessId)
        .ToHashSet();
}
