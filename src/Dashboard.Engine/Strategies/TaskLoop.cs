using System.Runtime.CompilerServices;
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

        // Followed through the AsyncLocal: work the blocking form hands to other threads (a
        // sync-over-async wait) carries the task's context there, and is its segments too.
        Follow(observer.Started(task), itself: false);
        try
        {
            var output = workload.Run(NewTaskContext(task, observer, cancellationToken));
            Ended(task, TaskEventKind.Completed, output, observer, itself: false, null);
        }
        catch (Exception e)
        {
            Fail(task, e, observer, itself: false, null, cancellationToken);
        }
    }

    /// <summary>Runs one task with the async form.</summary>
    public static Task RunAsync(IWorkload workload, int task, ITaskLoopObserver observer, CancellationToken cancellationToken) =>
        RunAsync(new AsyncTaskLoop(workload, observer, null, cancellationToken), task);

    /// <summary>
    /// Runs one task with the async form. When its workload's async form is one wait with nothing
    /// after it (<see cref="AsyncTaskLoop.OneWait"/>), the loop itself knows where the task's
    /// segments are: from its start to the moment the wait is returned pending, and from this
    /// method's resumption to its end; it opens and closes them on <see cref="TaskFlow"/> directly,
    /// so a task holds no AsyncLocal and no execution context of its own (a million sleeping tasks
    /// hold a million fewer). Otherwise the AsyncLocal follows every await of the async form.
    /// </summary>
    private static async Task RunAsync(AsyncTaskLoop loop, int task)
    {
        if (loop.CancellationToken.IsCancellationRequested)
        {
            loop.Observer.Ended(task, TaskEventKind.Cancelled, "cancelled before it started");
            return;
        }

        // Only what the task needs after its wait is a field of its async box: the loop, the task, its times.
        var times = loop.Observer.Started(task);
        Follow(times, itself: loop.OneWait);
        try
        {
            var wait = loop.Workload.RunAsync(NewTaskContext(task, loop.Observer, loop.CancellationToken));
            string output;
            if (!loop.OneWait || times is null || wait.IsCompleted)
            {
                output = await wait.ConfigureAwait(false);
            }
            else
            {
                // Segment 1 ends where the wait is pending; segment 2 begins on the thread that
                // resumes this method (success or not), a hop when that thread is another.
                var pending = wait.AsTask();
                TaskFlow.Leave(times);
                try
                {
                    output = await pending.ConfigureAwait(false);
                }
                finally
                {
                    // A wait that knows when it was due (a wheel slot): from then on the task was ready.
                    TaskFlow.Enter(times, resumed: true, WaitDue.Of(pending));
                }
            }

            Ended(task, TaskEventKind.Completed, output, loop.Observer, loop.OneWait, times);
        }
        catch (Exception e)
        {
            Fail(task, e, loop.Observer, loop.OneWait, times, loop.CancellationToken);
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
        var loop = new AsyncTaskLoop(workload, observer, limit, cancellationToken);

        // Uncapped one-wait tasks wait in groups that share their wait, not as an async method each.
        var grouped = limit is null && loop.OneWait ? new OneWaitTasks(loop) : null;
        // Sized once when the count is known: a million tasks would otherwise double the list 20 times.
        var running = new List<Task>(grouped is null && tasks.CanCount ? tasks.Count : 0);
        try
        {
            while (true)
            {
                StartAvailable(tasks, loop, grouped, running);

                // Waiting for more indices: the group so far must not wait for tasks that may never come.
                grouped?.Close();
                if (!await tasks.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        finally
        {
            grouped?.StartsDone();
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        if (grouped is not null)
        {
            await grouped.AllEnded.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts every task already available on the calling thread. Not part of the async method, and
    /// optimised at once (as are the start path's callees): a million starts take about a second,
    /// most of which tiered compilation spent in their first, unoptimised code and then promoting
    /// them (a million hello tasks on this 2-core VM, loaded: 12.8-13.0 s of wall with tiering,
    /// 11.3 s with DOTNET_TieredCompilation=0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void StartAvailable(ChannelReader<int> tasks, AsyncTaskLoop loop, OneWaitTasks? grouped, List<Task> running)
    {
        while (tasks.TryRead(out var task))
        {
            if (grouped is not null)
            {
                grouped.Start(task);
            }
            else
            {
                running.Add(loop.Limit is null ? RunAsync(loop, task) : RunCappedAsync(loop, task));
            }
        }
    }

    /// <summary>The indices 0 to <paramref name="count"/> - 1, already complete (<see cref="Of"/> of a range, without a channel).</summary>
    public static ChannelReader<int> Range(int count) => new TaskRange(count);

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

    private static async Task RunCappedAsync(AsyncTaskLoop loop, int task)
    {
        try
        {
            await loop.Limit!.WaitAsync(loop.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            loop.Observer.Ended(task, TaskEventKind.Cancelled, "cancelled before it started");
            return;
        }

        try
        {
            await RunAsync(loop, task).ConfigureAwait(false);
        }
        finally
        {
            loop.Limit.Release();
        }
    }

    /// <summary>Starts following the task's segments on the calling thread: by the loop <paramref name="itself"/>, or through the AsyncLocal.</summary>
    private static void Follow(TaskTimes? times, bool itself)
    {
        if (times is null)
        {
            return;
        }

        if (itself)
        {
            TaskFlow.Enter(times, resumed: false);
        }
        else
        {
            TaskFlow.Begin(times);
        }
    }

    /// <summary>
    /// The task's segment on the calling thread ends, then its end is heard. The AsyncLocal is
    /// cleared either way, so a thread that ran a blocking task does not carry it into its next
    /// work item.
    /// </summary>
    internal static void Ended(int task, TaskEventKind kind, string? detail, ITaskLoopObserver observer, bool itself, TaskTimes? times)
    {
        if (itself && times is not null)
        {
            TaskFlow.Leave(times);
        }
        else
        {
            TaskFlow.End();
        }

        observer.Ended(task, kind, detail);
    }

    internal static void Fail(int task, Exception e, ITaskLoopObserver observer, bool itself, TaskTimes? times, CancellationToken cancellationToken)
    {
        if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            Ended(task, TaskEventKind.Cancelled, "cancelled", observer, itself, times);
        }
        else
        {
            Ended(task, TaskEventKind.Failed, FailureReason.Of(e), observer, itself, times);
        }
    }

    private static TaskContext NewTaskContext(int task, ITaskLoopObserver observer, CancellationToken cancellationToken) =>
        TaskContext.Of(task, observer, cancellationToken);
}
