using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// K worker processes (K = the process count, default cores) running the tasks sequentially
/// (ProcessPoolExecutor) or with async + WhenAll (asyncio inside processes). By default workers
/// pull tasks from the parent as they finish others, like ProcessPoolExecutor's queue, so a worker
/// that gets less CPU takes fewer tasks; the contiguous split hands each worker a fixed share up
/// front instead (shares differ by at most one task). A worker that dies fails only the tasks it
/// held; with pull, the others go on taking the rest.
/// </summary>
internal sealed class ProcessesStrategy(string id, WorkerMode mode) : IStrategy
{
    public string Id { get; } = id;

    /// <summary>Each worker process runs its tasks one by one (ProcessPoolExecutor).</summary>
    public static StrategyDescriptor SequentialDescriptor { get; } = new()
    {
        Id = StrategyIds.Processes,
        Name = "processes",
        Hint = o => o.EffectiveProcessSplit == ProcessSplit.Contiguous
            ? $"{o.EffectiveProcessCount} worker processes, each runs a fixed share one by one."
            : $"{o.EffectiveProcessCount} worker processes, each takes the next task when it is free (ProcessPoolExecutor).",
        Placement = StrategyPlacement.WorkerProcesses,
        Concurrency = Concurrency.OneAtATime,
        Size = new(StrategyKnobs.ProcessCount, "processes"),
        Lanes = q => StrategyKnobs.ProcessCount.Value(q.Options, q.Cores)!.Value,
        QueueReason = (_, _) => "one at a time in each worker process",
        InProcessPeers = [StrategyIds.Parallel, StrategyIds.Threads, StrategyIds.ThreadPool],
        Twin = new()
        {
            Name = "Python processes",
            Hint = o => $"ProcessPoolExecutor with {o.EffectiveProcessCount} processes, each with its own GIL.",
        },
        Create = Sequential,
    };

    /// <summary>Each worker process awaits its tasks together (asyncio inside processes).</summary>
    public static StrategyDescriptor AsyncDescriptor { get; } = new()
    {
        Id = StrategyIds.AsyncProcesses,
        Name = "async + processes",
        Hint = o => o.EffectiveProcessSplit == ProcessSplit.Contiguous
            ? $"{o.EffectiveProcessCount} worker processes, each awaits a fixed share together."
            : $"{o.EffectiveProcessCount} worker processes, each awaits the tasks it takes together.",
        Placement = StrategyPlacement.WorkerProcesses,
        Concurrency = Concurrency.Awaits,
        Size = new(StrategyKnobs.ProcessCount, "processes"),
        Lanes = q =>
        {
            var processes = StrategyKnobs.ProcessCount.Value(q.Options, q.Cores)!.Value;
            return q.CpuBound ? processes : (int)Math.Min(q.Tasks, (long)processes * (q.Options.AsyncCap ?? q.Tasks));
        },
        Twin = new()
        {
            Name = "Python async + processes",
            Hint = o => $"asyncio.gather inside each of {o.EffectiveProcessCount} processes.",
        },
        Create = Async,
    };

    public static ProcessesStrategy Sequential() => new(SequentialDescriptor.Id, WorkerMode.Sequential);

    public static ProcessesStrategy Async() => new(AsyncDescriptor.Id, WorkerMode.Async);

    /// <summary>The contiguous block of tasks worker <paramref name="worker"/> of <paramref name="workers"/> runs.</summary>
    public static int[] Share(int worker, int workers, int taskCount)
    {
        var from = (int)((long)worker * taskCount / workers);
        var to = (int)((long)(worker + 1) * taskCount / workers);
        return Enumerable.Range(from, to - from).ToArray();
    }

    /// <summary>
    /// Most tasks a pulling worker holds at once. Sequential: one, so the last tasks go to whichever
    /// worker is free (a task queued behind a busy worker would idle another core at the end).
    /// Async: its cap, or an even share when uncapped (all tasks are meant to be in flight at once).
    /// </summary>
    public static int Window(WorkerMode mode, int? asyncCap, int workers, int taskCount) => mode == WorkerMode.Sequential
        ? 1
        : Math.Max(1, Math.Min(asyncCap ?? int.MaxValue, (taskCount + workers - 1) / workers));

    public async Task RunAsync(StrategyContext context)
    {
        var workers = Math.Min(context.Options.EffectiveProcessCount, context.TaskCount);
        var pull = context.Options.EffectiveProcessSplit == ProcessSplit.Pull;
        var dispenser = pull
            ? new Dispenser(context.TaskCount, Window(mode, context.Options.AsyncCap, workers, context.TaskCount), mode == WorkerMode.Sequential ? workers : null)
            : null;

        // Each worker's first tasks travel with its job (no round trip before the first task), and
        // the workers are started side by side rather than one process start after another.
        var shares = new int[workers][];
        for (var w = 0; w < workers; w++)
        {
            shares[w] = dispenser is null ? Share(w, workers, context.TaskCount) : dispenser.Take(dispenser.Wanted(0), out _);
        }

        var runs = new Task<string?>[workers];
        for (var w = workers - 1; w >= 1; w--)
        {
            var share = shares[w];
            runs[w] = Task.Run(() => RunWorkerAsync(context, share, dispenser));
        }

        runs[0] = RunWorkerAsync(context, shares[0], dispenser);

        var reasons = await Task.WhenAll(runs).ConfigureAwait(false);
        if (dispenser is not null && !context.CancellationToken.IsCancellationRequested)
        {
            // Every worker is gone; whatever none of them took has nobody left to run it.
            var why = reasons.LastOrDefault(r => r is not null);
            FailUnfinished(context, Enumerable.Range(0, context.TaskCount),
                why is null ? "no worker process was left to run it" : $"no worker process was left to run it ({why})");
        }
    }

    /// <summary>Runs one worker to its end; the reason it failed early, or null.</summary>
    private async Task<string?> RunWorkerAsync(StrategyContext context, int[] share, Dispenser? dispenser)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return null; // the runner ends them as cancelled
        }

        var job = new WorkerJob(context.Parameters, context.Environment, mode, share,
            mode == WorkerMode.Async ? context.Options.AsyncCap : null,
            Id, context.Recorder.Repetition, context.BackgroundPriority, Pull: dispenser is not null)
        {
            CounterIntervalMs = context.Counters is null ? null : (int?)Math.Round(context.Runner.CounterInterval!.Value.TotalMilliseconds),
            TimeSplit = context.Runner.TimeSplit,
        };
        WorkerProcess worker;
        try
        {
            worker = WorkerProcess.Start(context.Launcher, job, context.Runner.GracePeriod, context.Runner.Log);
        }
        catch (Exception e)
        {
            var reason = $"could not start a worker process: {e.Message}";
            FailUnfinished(context, share, reason);
            return reason;
        }

        await using (worker.ConfigureAwait(false))
        {
            // Touched only from this worker's reading thread (one message at a time) and after it ends.
            var held = new HashSet<int>(share);

            // Pulled tasks: when each went out, then its way over (the worker stamps its arrival).
            var sent = new Dictionary<int, long>();
            var over = new Dictionary<int, double>();
            var inFlight = dispenser is null ? 0 : share.Length;
            var ended = dispenser is null;
            string? fatal = null;
            var done = false;
            int exitCode;

            void Feed()
            {
                if (ended || context.CancellationToken.IsCancellationRequested)
                {
                    return;
                }

                var batch = dispenser!.Take(dispenser.Wanted(inFlight), out var exhausted);
                if (batch.Length == 0 && !exhausted)
                {
                    return;
                }

                held.UnionWith(batch);
                var now = MonotonicClock.Now;
                foreach (var task in batch)
                {
                    sent[task] = now;
                }

                inFlight += batch.Length;
                ended = exhausted;
                if (!worker.Send(new WorkerTasks(batch, exhausted)))
                {
                    ended = true; // the worker is gone; its end fails what it held
                }
            }

            try
            {
                exitCode = await worker.RunAsync(message =>
                {
                    switch (message)
                    {
                        case WorkerReady ready:
                            Feed();
                            context.AddWorkerStart(MonotonicClock.Seconds(worker.StartTimestamp, ready.Timestamp));
                            break;
                        case WorkerTaskMessage m when held.Contains(m.Task):
                            var lane = new Lane(worker.ProcessId, m.ThreadId);
                            switch (m.Kind)
                            {
                                case TaskEventKind.Started:
                                    if (m.Received is { } arrived && sent.Remove(m.Task, out var left))
                                    {
                                        over[m.Task] = Math.Max(0, MonotonicClock.Seconds(left, arrived));
                                    }

                                    context.Recorder.Started(m.Task, lane, m.Timestamp);
                                    break;
                                case TaskEventKind.Progress:
                                    context.Recorder.Progress(m.Task, lane, m.Timestamp, m.Detail ?? string.Empty);
                                    break;
                                case TaskEventKind.Completed or TaskEventKind.Failed or TaskEventKind.Cancelled:
                                    // The next task goes out before the parent's own bookkeeping.
                                    var back = Math.Max(0, MonotonicClock.Seconds(m.Timestamp, MonotonicClock.Now));
                                    inFlight--;
                                    Feed();
                                    over.Remove(m.Task, out var way);
                                    context.Recorder.Timed(m.Task, m.Timing(), way + back);
                                    context.Recorder.Finish(m.Task, m.Kind, lane, m.Timestamp, m.Detail);
                                    break;
                            }

                            break;
                        case WorkerTaskMessage m:
                            context.Runner.Log?.Invoke(EngineLogLevel.Warning, "Worker {ProcessId} reported task {Task}, which it was not given", worker.ProcessId, m.Task);
                            break;
                        case WorkerDone d:
                            done = true;
                            context.AddWorkerUsage(d.CpuSeconds, d.PeakMemoryBytes);
                            break;
                        case WorkerCounters counters:
                            context.Counters?.Add(counters.ToSample(context.Recorder.Origin, worker.ProcessId));
                            break;
                        case WorkerRuntimeEvents runtime:
                            context.AddWorkerRuntimeEvents(runtime.ToEvents(context.Recorder.Origin, worker.ProcessId));
                            break;
                        case WorkerError error:
                            fatal = error.Message;
                            context.Runner.Log?.Invoke(EngineLogLevel.Warning, "Worker {ProcessId} failed: {Error}", worker.ProcessId, error.Message);
                            break;
                    }
                }, context.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                context.Runner.Log?.Invoke(EngineLogLevel.Warning, "Lost worker {ProcessId}: {Error}", worker.ProcessId, e.Message);
                worker.Kill();
                exitCode = -1;
                fatal ??= e.Message;
            }

            if (context.CancellationToken.IsCancellationRequested)
            {
                return null; // unfinished tasks end as cancelled in the runner
            }

            if (!done || held.Any(t => !context.Recorder.IsFinished(t)))
            {
                var reason = fatal is not null
                    ? string.Create(CultureInfo.InvariantCulture, $"worker {worker.ProcessId} failed: {fatal}")
                    : string.Create(CultureInfo.InvariantCulture, $"worker {worker.ProcessId} exited with code {exitCode} before finishing");
                context.Runner.Log?.Invoke(EngineLogLevel.Warning, "Worker {ProcessId} ended early with exit code {ExitCode}", worker.ProcessId, exitCode);
                FailUnfinished(context, held, reason);
                return reason;
            }

            return null;
        }
    }

    private static void FailUnfinished(StrategyContext context, IEnumerable<int> tasks, string reason)
    {
        var now = MonotonicClock.Now;
        foreach (var task in tasks)
        {
            if (!context.Recorder.IsFinished(task))
            {
                context.Recorder.Finish(task, TaskEventKind.Failed, Lane.Current, now, reason);
            }
        }
    }

    /// <summary>
    /// Hands out task indices in order to whichever worker asks; thread-safe. With
    /// <paramref name="lookaheadWorkers"/> set, a worker may hold one task more than its window
    /// while more tasks are left than there are workers (ProcessPoolExecutor queues one call beyond
    /// its workers the same way): the next task is already in its pipe when one ends, so no core
    /// waits on the parent between tasks. The last tasks go out one at a time to whichever worker is
    /// free, so the end stays balanced.
    /// </summary>
    private sealed class Dispenser(int taskCount, int window, int? lookaheadWorkers)
    {
        private int _next;

        /// <summary>Most tasks one worker holds at once (besides the lookahead).</summary>
        public int Window { get; } = window;

        /// <summary>How many more tasks a worker holding <paramref name="inFlight"/> should take now.</summary>
        public int Wanted(int inFlight)
        {
            var left = taskCount - Volatile.Read(ref _next);
            var lookahead = lookaheadWorkers is { } workers && left > workers ? 1 : 0;
            return Window + lookahead - inFlight;
        }

        /// <summary>Up to <paramref name="count"/> next tasks; <paramref name="exhausted"/> when none are left after them.</summary>
        public int[] Take(int count, out bool exhausted)
        {
            if (count <= 0)
            {
                exhausted = Volatile.Read(ref _next) >= taskCount;
                return [];
            }

            var end = Interlocked.Add(ref _next, count);
            var from = Math.Min(end - count, taskCount);
            var to = Math.Min(end, taskCount);
            exhausted = end >= taskCount;
            return to > from ? Enumerable.Range(from, to - from).ToArray() : [];
        }
    }
}
