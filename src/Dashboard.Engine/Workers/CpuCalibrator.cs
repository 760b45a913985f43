using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Workers;

/// <summary>
/// Measures a <see cref="CpuCalibration"/> with real worker processes: in each round, one worker
/// computes every task, then <c>processes</c> workers compute an even share each at once. Workers
/// are started and ready before any gets its tasks (a pull job, handed out in one go), so process
/// start is outside the timing and the shares start together. Time = first task start to last
/// task end, on the workers' own clock readings.
/// </summary>
public static class CpuCalibrator
{
    /// <summary>Most rounds one calibration may take.</summary>
    public const int MaxRounds = 15;

    /// <summary>
    /// The calibration's work per engine, four tasks per process at least so a share is more than
    /// one task: GMP from 1,000,000 (the default power run's tasks, ~0.05 s each); managed two tasks
    /// per process from 300,000 (each ~0.4 s), so the whole calibration stays within seconds.
    /// </summary>
    public static PowerParameters Work(PowerEngine engine, int processes) => engine == PowerEngine.Gmp
        ? new PowerParameters(1_000_000, Math.Min(PowerParameters.MaxCount, 4 * processes), PowerEngine.Gmp)
        : new PowerParameters(300_000, Math.Min(PowerParameters.MaxCount, 2 * processes), PowerEngine.Managed);

    /// <summary>Measures <paramref name="engine"/> on <paramref name="processes"/> processes (default cores).</summary>
    /// <exception cref="InvalidOperationException">A worker failed or a task did not complete.</exception>
    public static async Task<CpuCalibration> MeasureAsync(
        PowerEngine engine, int? processes = null, int rounds = 3, string? workerPath = null, CancellationToken cancellationToken = default)
    {
        var k = Math.Clamp(processes ?? Environment.ProcessorCount, 1, StrategyOptions.MaxProcessCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rounds, MaxRounds);
        var parameters = Work(engine, k);
        var launcher = new WorkerLauncher(workerPath);
        var environment = new WorkloadEnvironment("http://127.0.0.1:9/", Path.GetTempPath());
        var one = new List<double>();
        var many = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            one.Add(await RoundAsync(launcher, parameters, environment, 1, cancellationToken).ConfigureAwait(false));
            many.Add(await RoundAsync(launcher, parameters, environment, k, cancellationToken).ConfigureAwait(false));
        }

        // The best round of each: on a shared machine other work only ever adds time, so the fastest
        // round is the closest reading of what the cores can do (a median lets a busy neighbour
        // lower the limit and flatter every strategy measured against it).
        return new CpuCalibration(PowerEngines.Id(engine), parameters.Start, parameters.Count, k, rounds,
            one.Min(), many.Min(), DateTimeOffset.UtcNow);
    }

    private static async Task<double> RoundAsync(
        WorkerLauncher launcher, PowerParameters parameters, WorkloadEnvironment environment, int processes, CancellationToken cancellationToken)
    {
        var job = new WorkerJob(parameters, environment, WorkerMode.Sequential, [], null, "calibration", 0, BackgroundPriority: false, Pull: true);
        var workers = new List<WorkerProcess>();
        try
        {
            for (var w = 0; w < processes; w++)
            {
                workers.Add(WorkerProcess.Start(launcher, job, TimeSpan.FromSeconds(1)));
            }

            var readyCount = 0;
            var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var first = long.MaxValue;
            var last = long.MinValue;
            var completed = 0;
            string? problem = null;
            var gate = new Lock();
            var reading = workers.Select(worker => worker.RunAsync(message =>
            {
                switch (message)
                {
                    case WorkerReady:
                        if (Interlocked.Increment(ref readyCount) == processes)
                        {
                            allReady.SetResult();
                        }

                        break;
                    case WorkerTaskMessage { Kind: TaskEventKind.Started } m:
                        lock (gate)
                        {
                            first = Math.Min(first, m.Timestamp);
                        }

                        break;
                    case WorkerTaskMessage { Kind: TaskEventKind.Completed } m:
                        lock (gate)
                        {
                            last = Math.Max(last, m.Timestamp);
                            completed++;
                        }

                        break;
                    case WorkerTaskMessage { Kind: TaskEventKind.Failed or TaskEventKind.Cancelled } m:
                        problem ??= $"task {m.Task}: {m.Detail}";
                        break;
                    case WorkerError error:
                        problem ??= error.Message;
                        break;
                }
            }, cancellationToken)).ToArray();

            // Everyone ready first, then every share at once.
            var all = Task.WhenAll(reading);
            await Task.WhenAny(allReady.Task, all).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!allReady.Task.IsCompleted)
            {
                await all.ConfigureAwait(false);
                throw new InvalidOperationException($"CPU calibration failed: a worker ended before it was ready ({problem ?? "no message"})");
            }

            for (var w = 0; w < processes; w++)
            {
                workers[w].Send(new WorkerTasks(ProcessesStrategy.Share(w, processes, parameters.Count), End: true));
            }

            await all.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (problem is not null || completed != parameters.Count)
            {
                throw new InvalidOperationException(
                    $"CPU calibration failed: {problem ?? $"{completed} of {parameters.Count} tasks completed"}");
            }

            return MonotonicClock.Seconds(first, last);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
