namespace Dashboard.Engine.Strategies;

/// <summary>One new OS thread per task, blocking form, all started then joined (threading.Thread).</summary>
internal sealed class ThreadsStrategy : IStrategy
{
    public static StrategyDescriptor Descriptor { get; } = new()
    {
        Id = StrategyIds.Threads,
        Name = "threads",
        Hint = _ => "A new Thread per task; blocking calls wait side by side.",
        Placement = StrategyPlacement.InProcess,
        Concurrency = Concurrency.ThreadPerTask,
        Lanes = q => q.Tasks,
        TaskLimit = new(MaxTasks,
            "each task is an OS thread of its own, with its own stack (1 MB reserved per thread) and the kernel's work to start and switch it; " +
            "past this the machine's thread limit and memory are the wall, which is the lesson: async waits on a million tasks with no thread each"),
        Twin = new()
        {
            Name = "Python threads",
            Hint = _ => "One threading.Thread per task; the GIL lets one run Python code at a time.",
            GilBound = true,
        },
        Create = () => new ThreadsStrategy(),
    };

    /// <summary>The most tasks it starts threads for in one run.</summary>
    public const int MaxTasks = 10_000;

    public string Id => Descriptor.Id;

    public Task RunAsync(StrategyContext context) => StartAndJoin(context, context.RunBlocking);

    /// <summary>
    /// Runs <paramref name="runTask"/> for every task on a new thread of its own, and joins them all.
    /// Tasks measure their time split as a sample (<see cref="Running.SplitSample"/>): a thread's
    /// procfs read costs more than its own start.
    /// </summary>
    // Starting and joining happen on a dedicated thread: joins block, and the pool is not ours to block.
    internal static Task StartAndJoin(StrategyContext context, Action<int> runTask) =>
        DedicatedThread.RunAsync("lab threads starter", context.BackgroundPriority, () =>
        {
            var threads = new List<Thread>(context.TaskCount);
            var sample = Running.SplitSample.ForLab();
            for (var task = 0; task < context.TaskCount; task++)
            {
                if (context.CancellationToken.IsCancellationRequested)
                {
                    break; // the runner ends the tasks never started as cancelled
                }

                var index = task;
                if (!sample.TryTake(Running.MonotonicClock.Now))
                {
                    context.Recorder.LeaveOutOfSample(index);
                }

                var thread = DedicatedThread.Create($"lab task {index}", context.BackgroundPriority,
                    () => runTask(index), DedicatedThread.TaskThreadStackSize);
                try
                {
                    thread.Start();
                    threads.Add(thread);
                }
                catch (OutOfMemoryException e)
                {
                    // The OS refused another thread: that is this task's failure, not the run's.
                    context.Recorder.Finish(index, Running.TaskEventKind.Failed, Running.Lane.Current,
                        Running.MonotonicClock.Now, $"could not start a thread: {e.Message}");
                }
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }
        });
}
