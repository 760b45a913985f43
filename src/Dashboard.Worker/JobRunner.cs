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
/// <remarks>
/// Each task's times (<see cref="TaskFlow"/>) add up here as its segments end, and travel with
/// its end message. <paramref name="received"/> holds, per task index, when this worker got the task.
/// </remarks>
internal sealed class JobRunner(WorkerJob job, IWorkload workload, WorkerOutput output, long[] received, CancellationToken cancellationToken) : ITaskLoopObserver
{
    // Written on the task's own thread at its start, read on the thread it ends on (after the
    // await chain's memory barriers): one slot per task, never shared.
    private readonly TaskTimes?[] _times = new TaskTimes?[received.Length];
    private readonly long[] _starts = new long[received.Length];

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

    public TaskTimes? Started(int task)
    {
        if (job.BackgroundPriority)
        {
            // Pool threads created after start-up inherit normal priority; lower each once.
            ThreadNice.LowerCurrentThread();
        }

        var start = MonotonicClock.Now;
        output.Send(new WorkerTaskMessage(task, TaskEventKind.Started, start, Environment.CurrentManagedThreadId)
        {
            Received = (uint)task < (uint)received.Length && Volatile.Read(ref received[task]) is > 0 and var at ? at : null,
        });
        if ((uint)task >= (uint)_times.Length)
        {
            return null;
        }

        var times = new TaskTimes { Measure = job.TimeSplit };
        _times[task] = times;
        _starts[task] = start;
        return times;
    }

    public void Progress(int task, string detail) => Send(task, TaskEventKind.Progress, detail);

    public void Ended(int task, TaskEventKind kind, string? detail)
    {
        var end = MonotonicClock.Now;
        var message = new WorkerTaskMessage(task, kind, end, Environment.CurrentManagedThreadId, detail);
        if ((uint)task < (uint)_times.Length && _times[task] is { } times)
        {
            var timing = times.Snapshot(MonotonicClock.Seconds(_starts[task], end));
            message = message with { Cpu = timing.Cpu, Ready = timing.Ready, Segments = WorkerTaskMessage.Flatten(timing) };
            _times[task] = null;
        }

        output.Send(message);
    }

    private void Send(int task, TaskEventKind kind, string? detail) =>
        output.Send(new WorkerTaskMessage(task, kind, MonotonicClock.Now, Environment.CurrentManagedThreadId, detail));
}
