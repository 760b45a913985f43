using System.Globalization;
using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// The Python twin of one strategy: starts the twins' runner, hands it the same parameters,
/// environment and knobs, and records its task events exactly like a worker's (timestamps are
/// CLOCK_MONOTONIC nanoseconds, lanes pid:tid with the native thread id). Its id is the twin's
/// key (<see cref="PythonTwins.Key"/>), so results sit beside the .NET strategy's.
/// </summary>
internal sealed class PythonStrategy(string strategy, PythonLauncher launcher) : IStrategy
{
    public string Id { get; } = PythonTwins.Key(strategy);

    public async Task RunAsync(StrategyContext context)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return;
        }

        var options = context.Options;
        var job = new PythonJob(context.Parameters, context.Environment, strategy,
            options.EffectiveThreadPoolSize, options.AsyncCap, options.EffectiveProcessCount, context.BackgroundPriority);
        WorkerProcess runner;
        try
        {
            runner = WorkerProcess.Start(launcher.CreateStartInfo(),
                JsonSerializer.Serialize(job, PythonJsonContext.Default.PythonJob), context.Runner.GracePeriod, context.Runner.Log);
        }
        catch (Exception e)
        {
            FailAll(context, $"could not start Python ({launcher.PythonPath}): {e.Message}");
            return;
        }

        // The runner's own counters: its CPU, threads and memory per task in flight, like a worker's.
        var sampler = context.Counters is { } counters && context.Runner.CounterInterval is { } interval
            ? new ProcessTreeSampler(runner.ProcessId, context.Recorder.Origin, interval, counters)
            : null;
        try
        {
            await RunRunnerAsync(context, runner, sampler).ConfigureAwait(false);
        }
        finally
        {
            if (sampler is not null)
            {
                await sampler.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RunRunnerAsync(StrategyContext context, WorkerProcess runner, ProcessTreeSampler? sampler)
    {
        await using (runner.ConfigureAwait(false))
        {
            string? fatal = null;
            var done = false;
            int exitCode;
            try
            {
                exitCode = await runner.RunAsync(message =>
                {
                    switch (message)
                    {
                        case WorkerReady ready:
                            context.AddWorkerStart(MonotonicClock.Seconds(runner.StartTimestamp, MonotonicClock.FromNanoseconds(ready.Timestamp)));
                            sampler?.Ready();
                            break;
                        case WorkerTaskMessage m when m.Task >= 0 && m.Task < context.TaskCount:
                            var lane = new Lane(m.ProcessId ?? runner.ProcessId, m.ThreadId);
                            var at = MonotonicClock.FromNanoseconds(m.Timestamp);
                            switch (m.Kind)
                            {
                                case TaskEventKind.Started:
                                    context.Recorder.Started(m.Task, lane, at);
                                    sampler?.TaskStarted();
                                    break;
                                case TaskEventKind.Progress:
                                    context.Recorder.Progress(m.Task, lane, at, m.Detail ?? string.Empty);
                                    break;
                                case TaskEventKind.Completed or TaskEventKind.Failed or TaskEventKind.Cancelled:
                                    context.Recorder.Timed(m.Task, m.Timing(), null);
                                    context.Recorder.Finish(m.Task, m.Kind, lane, at, m.Detail);
                                    sampler?.TaskEnded();
                                    break;
                            }

                            break;
                        case WorkerTaskMessage m:
                            context.Runner.Log?.Invoke(EngineLogLevel.Warning, "Python runner {ProcessId} reported task {Task}, which does not exist", runner.ProcessId, m.Task);
                            break;
                        case WorkerDone d:
                            done = true;
                            context.AddWorkerUsage(d.CpuSeconds, d.PeakMemoryBytes);
                            break;
                        case WorkerError error:
                            fatal = error.Message;
                            context.Runner.Log?.Invoke(EngineLogLevel.Warning, "Python runner {ProcessId} failed: {Error}", runner.ProcessId, error.Message);
                            break;
                    }
                }, context.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                context.Runner.Log?.Invoke(EngineLogLevel.Warning, "Lost Python runner {ProcessId}: {Error}", runner.ProcessId, e.Message);
                runner.Kill();
                exitCode = -1;
                fatal ??= e.Message;
            }

            if (context.CancellationToken.IsCancellationRequested)
            {
                return; // unfinished tasks end as cancelled in the runner
            }

            if (!done || Enumerable.Range(0, context.TaskCount).Any(t => !context.Recorder.IsFinished(t)))
            {
                FailAll(context, fatal is not null
                    ? $"the Python runner failed: {fatal}"
                    : string.Create(CultureInfo.InvariantCulture, $"the Python runner exited with code {exitCode} before finishing"));
            }
        }
    }

    private static void FailAll(StrategyContext context, string reason)
    {
        var now = MonotonicClock.Now;
        for (var task = 0; task < context.TaskCount; task++)
        {
            if (!context.Recorder.IsFinished(task))
            {
                context.Recorder.Finish(task, TaskEventKind.Failed, Lane.Current, now, reason);
            }
        }
    }
}
