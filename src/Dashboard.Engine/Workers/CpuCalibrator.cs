using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Workers;

/// <summary>
/// Measures a <see cref="CpuCalibration"/> with real worker processes: in each round, one worker
/// computes every task, then <c>processes</c> workers compute an even share each at once. Workers
/// are started and ready before any gets its tasks (a pull job, handed out in one go), so process
/// start is outside the timing and the shares start together. Each process is timed from its first
/// task start to its last task end, on its own clock readings; a round's time is the tasks over the
/// rate the processes kept together (one process: just its time).
/// </summary>
public static class CpuCalibrator
{
    /// <summary>Most rounds one calibration may take.</summary>
    public const int MaxRounds = 15;

    /// <summary>
    /// The calibration's work per engine. GMP: eight tasks per process from 1,000,000 (the default
    /// power run: 16 tasks on 2 cores), because a fresh process's first task pays for faulting in its
    /// memory and a short share would count that start-up more than a run does. Managed: two tasks
    /// per process from 300,000 (each ~0.4 s), so the whole calibration stays within seconds.
    /// </summary>
    public static PowerParameters Work(PowerEngine engine, int processes) => engine == PowerEngine.Gmp
        ? new PowerParameters(1_000_000, Math.Min(PowerParameters.MaxCount, 8 * processes), PowerEngine.Gmp)
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
            var first = Enumerable.Repeat(long.MaxValue, processes).ToArray();
            var last = Enumerable.Repeat(long.MinValue, processes).ToArray();
            var done = new int[processes];
            var completed = 0;
            string? problem = null;
            var gate = new Lock();
            var reading = workers.Select((worker, w) => worker.RunAsync(message =>
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
                            first[w] = Math.Min(first[w], m.Timestamp);
                        }

                        break;
                    case WorkerTaskMessage { Kind: TaskEventKind.Completed } m:
                        lock (gate)
                        {
                            last[w] = Math.Max(last[w], m.Timestamp);
                            done[w]++;
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

            // The work at the rate all the processes kept together: each process's tasks over its own
            // time, summed. Cores are not always equal on a shared host (one may lose time to a
            // neighbour); this is what the cores could do with the work split by their speed, which
            // tasks pulled one at a time approach, rather than what a fixed split happened to get.
            var rate = 0.0;
            for (var w = 0; w < processes; w++)
            {
                rate += done[w] / MonotonicClock.Seconds(first[w], last[w]);
            }

            return completed / rate;
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
