using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace Dashboard.Cluster.Grains;

/// <summary>
/// Runs one task on this node. Placement: the app chooses the node. Each node has as many slots
/// as CPU-bound tasks it runs at once; the app keeps the repetition's queue and a slot that
/// finishes a task pulls the next one, as the processes strategy's workers do, so every node stays
/// busy to the end. The call carries the chosen silo as Orleans' placement hint
/// (<c>RequestContext</c> key <c>IPlacementDirector.PlacementHintKey</c>), which the random
/// director honours; a hint to a silo that is gone falls back to random. One activation serves one
/// slot's tasks (see <see cref="ITaskGrain"/>) and goes when the app releases it, or after two idle
/// minutes if the release never came (the app died).
/// Tried before: random placement alone split 16 tasks 10/6 or worse in 45 % of runs;
/// activation-count placement places only on silos whose load statistics have arrived and skips
/// a silo at 100 % CPU, which is what a busy CPU-bound node is.
/// </summary>
[RandomPlacement]
[CollectionAgeLimit(Minutes = 2)]
public sealed class TaskGrain(NodeJobs jobs, NodeIdentity node, NodeCpuSlots cpu, ILogger<TaskGrain> logger) : Grain, ITaskGrain
{
    public Task<TaskOutcome> RunAsync(TaskCall request, ITaskObserver observer, CancellationToken cancellationToken)
    {
        if (request?.Job is { BlockInTurn: true })
        {
            // The blocking-grain lesson, on purpose: the whole task runs here, inside this turn, with
            // the workload's blocking form, so nothing yields and the activation's thread (a pool
            // thread) is held until the task ends. The node's LongTurnFilter reports the turn.
            return RunTaskAsync(request, observer, blocking: true, cancellationToken);
        }

        // Off the grain's scheduler onto the thread pool: a blocking (CPU) task would otherwise hold
        // the activation's turn, and each task's async work would hop back to it.
        return Task.Run(() => RunTaskAsync(request!, observer, blocking: false, cancellationToken), CancellationToken.None);
    }

    public Task ReleaseAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    // Runs on the thread pool (see RunAsync), outside the grain's context: awaits need no ConfigureAwait.
    // Blocking (the lesson), it awaits nothing that is not complete, so it ends before it returns.
    private async Task<TaskOutcome> RunTaskAsync(TaskCall request, ITaskObserver observer, bool blocking, CancellationToken cancellationToken)
    {
        var started = MonotonicClock.Now;
        IWorkload workload;
        try
        {
            workload = jobs.Get(request);
        }
        catch (Exception e)
        {
            var task = request?.Task ?? -1;
            logger.LogWarning("Refused task {Task} of run {RunId}: {Reason}", task, request?.Job?.RunId, Reason(e));
            return Outcome(task, TaskEnd.Failed, $"node {node.Name} refused the task: {Reason(e)}", started);
        }

        var background = request.Job.BackgroundPriority;

        // Tell the app where the task is before it may wait for a CPU slot: if this node dies, the app
        // fails the task at once instead of waiting for a reply that will never come.
        observer.OnAccepted(Note(request, MonotonicClock.Now, null)).Ignore();
        var cpuBound = workload.Kind == WorkloadKind.CpuBound;
        if (cpuBound)
        {
            try
            {
                if (blocking)
                {
                    cpu.Wait(cancellationToken);
                }
                else
                {
                    await cpu.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                return Outcome(request.Task, TaskEnd.Cancelled, "cancelled before it started", started);
            }
        }

        try
        {
            if (background)
            {
                ThreadNice.LowerCurrentThread();
            }

            started = MonotonicClock.Now;
            observer.OnStarted(Note(request, started, null)).Ignore();
            var context = new TaskContext(request.Task,
                detail => observer.OnProgress(Note(request, MonotonicClock.Now, detail)).Ignore(),
                cancellationToken);
            var output = blocking ? workload.Run(context) : await workload.RunAsync(context);
            return Outcome(request.Task, TaskEnd.Completed, output, started);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Outcome(request.Task, TaskEnd.Cancelled, "cancelled", started);
        }
        catch (Exception e)
        {
            return Outcome(request.Task, TaskEnd.Failed, Reason(e), started);
        }
        finally
        {
            if (cpuBound)
            {
                cpu.Release();
            }
        }
    }

    private TaskNote Note(TaskCall request, long timestamp, string? detail) =>
        new(request.Task, node.Name, Environment.ProcessId, Environment.CurrentManagedThreadId, timestamp, detail, request.Attempt);

    private TaskOutcome Outcome(int task, TaskEnd end, string? detail, long started) =>
        new(task, end, detail, node.Name, Environment.ProcessId, Environment.CurrentManagedThreadId, started, MonotonicClock.Now, NodeCpu.Seconds);

    private static string Reason(Exception e) =>
        FailureReason.Of(e);
}
