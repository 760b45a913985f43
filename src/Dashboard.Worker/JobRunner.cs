using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Worker;

/// <summary>Runs a job's share of tasks in this process and reports each task's events.</summary>
internal sealed class JobRunner(WorkerJob job, IWorkload workload, WorkerOutput output, CancellationToken cancellationToken)
{
    public async Task RunAsync()
    {
        if (job.Mode == WorkerMode.Sequential)
        {
            foreach (var task in job.Tasks)
            {
                RunBlocking(task);
            }

            return;
        }

        using var cap = job.AsyncCap is { } limit ? new SemaphoreSlim(limit, limit) : null;
        var running = new Task[job.Tasks.Length];
        for (var i = 0; i < job.Tasks.Length; i++)
        {
            running[i] = cap is null ? RunOneAsync(job.Tasks[i]) : RunCappedAsync(cap, job.Tasks[i]);
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private void RunBlocking(int task)
    {
        if (!Begin(task))
        {
            return;
        }

        try
        {
            End(task, TaskEventKind.Completed, workload.Run(Context(task)));
        }
        catch (Exception e)
        {
            Fail(task, e);
        }
    }

    private async Task RunOneAsync(int task)
    {
        if (!Begin(task))
        {
            return;
        }

        try
        {
            End(task, TaskEventKind.Completed, await workload.RunAsync(Context(task)).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            Fail(task, e);
        }
    }

    private async Task RunCappedAsync(SemaphoreSlim cap, int task)
    {
        try
        {
            await cap.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            End(task, TaskEventKind.Cancelled, "cancelled before it started");
            return;
        }

        try
        {
            await RunOneAsync(task).ConfigureAwait(false);
        }
        finally
        {
            cap.Release();
        }
    }

    private bool Begin(int task)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            End(task, TaskEventKind.Cancelled, "cancelled before it started");
            return false;
        }

        if (job.BackgroundPriority)
        {
            // Pool threads created after start-up inherit normal priority; lower each once.
            ThreadNice.LowerCurrentThread();
        }

        Send(task, TaskEventKind.Started, null);
        return true;
    }

    private void Fail(int task, Exception e)
    {
        if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            End(task, TaskEventKind.Cancelled, "cancelled");
        }
        else
        {
            End(task, TaskEventKind.Failed, e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0].Message : e.Message);
        }
    }

    private void End(int task, TaskEventKind kind, string? detail) => Send(task, kind, detail);

    private void Send(int task, TaskEventKind kind, string? detail) =>
        output.Send(new WorkerTaskMessage(task, kind, MonotonicClock.Now, Environment.CurrentManagedThreadId, detail));

    private TaskContext Context(int task) =>
        new(task, detail => Send(task, TaskEventKind.Progress, detail), cancellationToken);
}
