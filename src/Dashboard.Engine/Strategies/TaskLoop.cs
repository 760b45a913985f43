using System.Threading.Channels;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// How tasks run, in one place for the in-process strategies and the worker process alike: one
/// task in either form, a blocking loop over a stream of task indices, and the async loop that
/// starts every task (optionally capped) and awaits them all. Never throws for a task's failure:
/// every task ends with exactly one <see cref="ITaskLoopObserver.Ended"/>.
/// </summary>
public static class TaskLoop
{
    /// <summary>Runs one task with the blocking form on the calling thread.</summary>
    public static void RunBlocking(IWorkload workload, int task, ITaskLoopObserver observer, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            observer.Ended(task, TaskEventKind.Cancelled, "cancelled before it started");
            return;
        }

        observer.Started(task);
        try
        {
            var output = workload.Run(NewTaskContext(task, observer, cancellationToken));
            observer.Ended(task, TaskEventKind.Completed, output);
        }
        catch (Exception e)
        {
            Fail(task, e, observer, cancellationToken);
        }
    }

    /// <summary>Runs one task with the async form.</summary>
    public static async Task RunAsync(IWorkload workload, int task, ITaskLoopObserver observer, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            observer.Ended(task, TaskEventKind.Cancelled, "cancelled before it started");
            return;
        }

        observer.Started(task);
        try
        {
            var output = await workload.RunAsync(NewTaskContext(task, observer, cancellationToken)).ConfigureAwait(false);
            observer.Ended(task, TaskEventKind.Completed, output);
        }
        catch (Exception e)
        {
            Fail(task, e, observer, cancellationToken);
        }
    }

    /// <summary>
    /// Runs tasks one after another with the blocking form on the calling thread, as they arrive,
    /// until <paramref name="tasks"/> completes. Waiting for the next index blocks this thread, so
    /// every task keeps the same lane.
    /// </summary>
    public static void RunSequential(IWorkload workload, ChannelReader<int> tasks, ITaskLoopObserver observer, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (tasks.TryRead(out var task))
            {
                RunBlocking(workload, task, observer, cancellationToken);
            }

            var more = tasks.WaitToReadAsync(CancellationToken.None);
            if (!(more.IsCompleted ? more.Result : more.AsTask().GetAwaiter().GetResult()))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Starts the async form of every task as it arrives (asyncio.gather), at most
    /// <paramref name="cap"/> in flight when set, and completes when <paramref name="tasks"/> has
    /// completed and every task has ended. Tasks already available start synchronously on the
    /// calling thread: a workload whose async form is really synchronous runs one after another.
    /// </summary>
    public static async Task RunAllAsync(IWorkload workload, ChannelReader<int> tasks, int? cap, ITaskLoopObserver observer, CancellationToken cancellationToken)
    {
        using var limit = cap is { } n ? new SemaphoreSlim(n, n) : null;
        // Sized once when the count is known: a million tasks would otherwise double the list 20 times.
        var running = new List<Task>(tasks.CanCount ? tasks.Count : 0);
        while (true)
        {
            while (tasks.TryRead(out var task))
            {
                running.Add(limit is null ? RunAsync(workload, task, observer, cancellationToken) : RunCappedAsync(workload, task, limit, observer, cancellationToken));
            }

            if (!await tasks.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                break;
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>A reader that yields <paramref name="tasks"/> and then completes.</summary>
    public static ChannelReader<int> Of(IEnumerable<int> tasks)
    {
        var channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        foreach (var task in tasks)
        {
            channel.Writer.TryWrite(task);
        }

        channel.Writer.Complete();
        return channel.Reader;
    }

    private static async Task RunCappedAsync(IWorkload workload, int task, SemaphoreSlim limit, ITaskLoopObserver observer, CancellationToken cancellationToken)
    {
        try
        {
            await limit.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            observer.Ended(task, TaskEventKind.Cancelled, "cancelled before it started");
            return;
        }

        try
        {
            await RunAsync(workload, task, observer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            limit.Release();
        }
    }

    private static void Fail(int task, Exception e, ITaskLoopObserver observer, CancellationToken cancellationToken)
    {
        if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            observer.Ended(task, TaskEventKind.Cancelled, "cancelled");
        }
        else
        {
            observer.Ended(task, TaskEventKind.Failed, FailureReason.Of(e));
        }
    }

    private static TaskContext NewTaskContext(int task, ITaskLoopObserver observer, CancellationToken cancellationToken) =>
        TaskContext.Of(task, observer, cancellationToken);
}
