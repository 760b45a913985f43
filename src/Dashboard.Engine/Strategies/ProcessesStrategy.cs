using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// K worker processes (K = the process count, default cores), each running an even contiguous
/// share of the tasks: sequentially (ProcessPoolExecutor) or with async + WhenAll (asyncio inside
/// processes). Shares differ by at most one task, unlike the tutorial's split that dropped the
/// remainder. A worker that dies fails only its unfinished tasks.
/// </summary>
internal sealed class ProcessesStrategy(string id, WorkerMode mode) : IStrategy
{
    public string Id { get; } = id;

    public static ProcessesStrategy Sequential() => new(StrategyIds.Processes, WorkerMode.Sequential);

    public static ProcessesStrategy Async() => new(StrategyIds.AsyncProcesses, WorkerMode.Async);

    /// <summary>The contiguous block of tasks worker <paramref name="worker"/> of <paramref name="workers"/> runs.</summary>
    public static int[] Share(int worker, int workers, int taskCount)
    {
        var from = (int)((long)worker * taskCount / workers);
        var to = (int)((long)(worker + 1) * taskCount / workers);
        return Enumerable.Range(from, to - from).ToArray();
    }

    public Task RunAsync(StrategyContext context)
    {
        var workers = Math.Min(context.Options.EffectiveProcessCount, context.TaskCount);
        var runs = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            runs[w] = RunWorkerAsync(context, Share(w, workers, context.TaskCount));
        }

        return Task.WhenAll(runs);
    }

    private async Task RunWorkerAsync(StrategyContext context, int[] tasks)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return; // the runner ends them as cancelled
        }

        var job = new WorkerJob(context.Parameters, context.Environment, mode, tasks,
            mode == WorkerMode.Async ? context.Options.AsyncCap : null,
            Id, context.Recorder.Repetition, context.BackgroundPriority)
        {
            CounterIntervalMs = context.Counters is null ? null : (int?)Math.Round(context.Runner.CounterInterval!.Value.TotalMilliseconds),
        };
        WorkerProcess worker;
        try
        {
            worker = WorkerProcess.Start(context.Launcher, job, context.Runner.GracePeriod, context.Runner.Log);
        }
        catch (Exception e)
        {
            FailAll(context, tasks, $"could not start a worker process: {e.Message}");
            return;
        }

        await using (worker.ConfigureAwait(false))
        {
            var mine = new HashSet<int>(tasks);
            string? fatal = null;
            var done = false;
            int exitCode;
            try
            {
                exitCode = await worker.RunAsync(message =>
                {
                    switch (message)
                    {
                        case WorkerReady ready:
                            context.AddWorkerStart(MonotonicClock.Seconds(worker.StartTimestamp, ready.Timestamp));
                            break;
                        case WorkerTaskMessage m when mine.Contains(m.Task):
                            var lane = new Lane(worker.ProcessId, m.ThreadId);
                            switch (m.Kind)
                            {
                                case TaskEventKind.Started:
                                    context.Recorder.Started(m.Task, lane, m.Timestamp);
                                    break;
                                case TaskEventKind.Progress:
                                    context.Recorder.Progress(m.Task, lane, m.Timestamp, m.Detail ?? string.Empty);
                                    break;
                                case TaskEventKind.Completed or TaskEventKind.Failed or TaskEventKind.Cancelled:
                                    context.Recorder.Finish(m.Task, m.Kind, lane, m.Timestamp, m.Detail);
                                    break;
                            }

                            break;
                        case WorkerTaskMessage m:
                            context.Runner.Log?.Invoke(EngineLogLevel.Warning, "Worker {ProcessId} reported task {Task}, which is not in its share", worker.ProcessId, m.Task);
                            break;
                        case WorkerDone d:
                            done = true;
                            context.AddWorkerUsage(d.CpuSeconds, d.PeakMemoryBytes);
                            break;
                        case WorkerCounters counters:
                            context.Counters?.Add(counters.ToSample(context.Recorder.Origin, worker.ProcessId));
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
                return; // unfinished tasks end as cancelled in the runner
            }

            if (!done || tasks.Any(t => !context.Recorder.IsFinished(t)))
            {
                var reason = fatal is not null
                    ? string.Create(CultureInfo.InvariantCulture, $"worker {worker.ProcessId} failed: {fatal}")
                    : string.Create(CultureInfo.InvariantCulture, $"worker {worker.ProcessId} exited with code {exitCode} before finishing");
                context.Runner.Log?.Invoke(EngineLogLevel.Warning, "Worker {ProcessId} ended early with exit code {ExitCode}", worker.ProcessId, exitCode);
                FailAll(context, tasks, reason);
            }
        }
    }

    private static void FailAll(StrategyContext context, int[] tasks, string reason)
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
}
