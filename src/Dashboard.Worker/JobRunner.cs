using System.Threading.Channels;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Worker;

/// <summary>
/// Runs the tasks a job hands this process through the Engine's <see cref="TaskLoop"/> (the same
/// loops the in-process strategies run) and turns each task's events into protocol messages.
/// </summary>
internal sealed class JobRunner(WorkerJob job, IWorkload workload, WorkerOutput output, CancellationToken cancellationToken) : ITaskLoopObserver
{
    /// <summary>Runs every task <paramref name="tasks"/> yields, until it completes.</summary>
    public Task RunAsync(ChannelReader<int> tasks)
    {
        if (job.Mode == WorkerMode.Sequential)
        {
            // The blocking loop keeps one thread (one lane), as a process-pool worker does.
            TaskLoop.RunSequential(workload, tasks, this, cancellationToken);
            return Task.CompletedTask;
        }

        return TaskLoop.RunAllAsync(workload, tasks, job.AsyncCap, this, cancellationToken);
    }

    public void Started(int task)
    {
        if (job.BackgroundPriority)
        {
            // Pool threads created after start-up inherit normal priority; lower each once.
            ThreadNice.LowerCurrentThread();
        }

        Send(task, TaskEventKind.Started, null);
    }

    public void Progress(int task, string detail) => Send(task, TaskEventKind.Progress, detail);

    public void Ended(int task, TaskEventKind kind, string? detail) => Send(task, kind, detail);

    private void Send(int task, TaskEventKind kind, string? detail) =>
        output.Send(new WorkerTaskMessage(task, kind, MonotonicClock.Now, Environment.CurrentManagedThreadId, detail));
}
