using System.Diagnostics;
using System.Threading.Channels;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Running;

/// <summary>
/// Runs a plan's strategies one after another on one workload instance, repetitions interleaved
/// (warmups -1, -2, ... first, then A B C A B C), and streams every event through an unbounded
/// channel: a slow reader never blocks a task and no event is dropped.
/// </summary>
public sealed class LabRunner : ILabRunner
{
    private readonly LabRunnerOptions _options;
    private readonly WorkerLauncher _launcher;
    private readonly PythonLauncher _python;

    public LabRunner(LabRunnerOptions? options = null)
    {
        _options = options ?? new LabRunnerOptions();
        if (_options.GracePeriod < TimeSpan.Zero || _options.GracePeriod > LabRunnerOptions.MaxGracePeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"GracePeriod must be between 0 and {LabRunnerOptions.MaxGracePeriod} (got {_options.GracePeriod}).");
        }

        if (_options.RequestTimeout is { } timeout
            && (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMilliseconds(WorkloadEnvironment.MaxRequestTimeoutMs)))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"RequestTimeout must be positive and at most {WorkloadEnvironment.MaxRequestTimeoutMs} ms (got {timeout}).");
        }

        if (_options.MemorySampleInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MemorySampleInterval must be positive.");
        }

        if (_options.CounterInterval is { } every
            && (every < LabRunnerOptions.MinCounterInterval || every > LabRunnerOptions.MaxCounterInterval))
        {
            throw new ArgumentOutOfRangeException(nameof(options),
                $"CounterInterval must be between {LabRunnerOptions.MinCounterInterval.TotalMilliseconds} and {LabRunnerOptions.MaxCounterInterval.TotalMilliseconds} ms (got {every.TotalMilliseconds} ms).");
        }

        _launcher = new WorkerLauncher(_options.WorkerPath);
        _python = new PythonLauncher(_options.PythonPath);
        if (!_launcher.IsNative)
        {
            // Worth a line: each worker then pays ~100 ms or more of runtime start-up.
            _options.Log?.Invoke(EngineLogLevel.Information, "Worker processes start {WorkerPath} ({Choice})", _launcher.WorkerPath, _launcher.Choice);
        }
    }

    /// <summary>The worker file process strategies start.</summary>
    public string WorkerPath => _launcher.WorkerPath;

    /// <summary>The launcher of the Python twins (its probe says whether they can run here).</summary>
    public PythonLauncher Python => _python;

    /// <summary>Which worker process strategies start and why (native AOT or dotnet exec).</summary>
    public string WorkerChoice => _launcher.Choice;

    /// <inheritdoc />
    public LabRun Start(RunPlan plan, WorkloadEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.RequestTimeoutMs is null && _options.RequestTimeout is { } timeout)
        {
            // Set on the environment so worker processes, which receive it, apply the same limit.
            environment = environment with { RequestTimeoutMs = (int)Math.Ceiling(timeout.TotalMilliseconds) };
        }

        var errors = plan.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidParametersException(errors);
        }

        if (plan.Runtime != LabRuntime.Dotnet && _python.Probe().Problem is { } missing)
        {
            throw new InvalidParametersException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["runtime"] = [missing],
            });
        }

        var factory = _options.WorkloadFactory ?? WorkloadFactory.Create;
        var workload = factory(plan.Parameters, environment);
        var channel = Channel.CreateUnbounded<LabEvent>(new UnboundedChannelOptions { SingleReader = true });
        var completion = Task.Run(() => RunAsync(plan, environment, workload, channel.Writer, cancellationToken), CancellationToken.None);
        return new LabRun(channel.Reader.ReadAllAsync(CancellationToken.None), completion);
    }

    /// <summary>
    /// Creates the strategy with the given id, the Python twin of a <see cref="PythonTwins.Key"/>, or
    /// the sized strategy of a sweep point's <see cref="StrategySizes.Key"/>.
    /// </summary>
    internal IStrategy CreateStrategy(string id) => PythonTwins.IsTwinKey(id)
        ? new PythonStrategy(PythonTwins.StrategyOf(id), _python)
        : StrategyCatalog.Get(StrategySizes.StrategyOf(id)).Create!();

    private async Task<RunResult> RunAsync(
        RunPlan plan, WorkloadEnvironment environment, IWorkload workload, ChannelWriter<LabEvent> events, CancellationToken cancellationToken)
    {
        var results = new List<StrategyResult>();
        try
        {
            var order = new List<(string Strategy, int Repetition)>();
            for (var w = 1; w <= plan.Warmup; w++)
            {
                order.AddRange(plan.StrategyRuns.Select(s => (s, -w)));
            }

            for (var r = 0; r < plan.Repeat; r++)
            {
                order.AddRange(plan.StrategyRuns.Select(s => (s, r)));
            }

            foreach (var (strategy, repetition) in order)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                // A sweep point runs its strategy with the point's size, and reports under the point's key.
                var result = await RunRepetitionAsync(strategy, CreateStrategy(strategy), repetition,
                    StrategySizes.OptionsFor(strategy, plan.EffectiveOptions), environment, workload, events, cancellationToken).ConfigureAwait(false);
                results.Add(result);
            }

            events.TryComplete();
            return new RunResult(plan.Parameters, results, cancellationToken.IsCancellationRequested);
        }
        catch (Exception e)
        {
            events.TryComplete(e);
            throw;
        }
        finally
        {
            workload.Dispose();
        }
    }

    private async Task<StrategyResult> RunRepetitionAsync(
        string id,
        IStrategy strategy,
        int repetition,
        StrategyOptions strategyOptions,
        WorkloadEnvironment environment,
        IWorkload workload,
        ChannelWriter<LabEvent> events,
        CancellationToken cancellationToken)
    {
        var taskCount = workload.Parameters.TaskCount;
        string? prepareError = null;
        try
        {
            workload.Prepare();
        }
        catch (Exception e)
        {
            prepareError = $"preparing the repetition failed: {FailureReason.Of(e)}";
        }

        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var peak = new PeakSampler(_options.MemorySampleInterval);
        var origin = MonotonicClock.Now;
        var recorder = new TaskRecorder(events, id, repetition, taskCount, origin, _options.TimeSplit);
        var context = new StrategyContext(workload, environment, strategyOptions, _options, _launcher, recorder, cancellationToken) { Events = events };
        events.TryWrite(new StrategyStarted(id, repetition, taskCount, origin));
        // The runtime's own events ride with the counters: one listener per process, read per repetition.
        var runtime = _options.CounterInterval is null ? null : RuntimeEventListener.Shared;
        var runtimeBefore = runtime?.Totals() ?? default;
        using var counters = _options.CounterInterval is { } interval
            ? new CounterSampler(interval, origin, id, repetition, events, () => recorder.InFlightHere)
            : null;
        context.Counters = counters;

        if (prepareError is not null)
        {
            recorder.FinishRemaining(TaskEventKind.Failed, prepareError);
        }
        else
        {
            try
            {
                await strategy.RunAsync(context).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A strategy's own breakdown (not a task's failure) still ends every task.
                _options.Log?.Invoke(EngineLogLevel.Error, "Strategy {Strategy} broke down: {Error}", id, e.Message);
                recorder.FinishRemaining(TaskEventKind.Failed, $"{id} broke down: {FailureReason.Of(e)}");
            }
        }

        var cancelled = cancellationToken.IsCancellationRequested;
        recorder.FinishRemaining(
            cancelled ? TaskEventKind.Cancelled : TaskEventKind.Failed,
            cancelled ? "cancelled before it started" : "the strategy ended without running this task");
        var end = recorder.LastEnd() ?? MonotonicClock.Now;
        var peakBytes = peak.Stop();
        var samples = counters?.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds + context.WorkerCpuSeconds;

        // Threads that ran short segments share out the CPU they have not yet read (TaskTimes.Sampled).
        TaskFlow.Settle();
        var spans = recorder.Spans();
        var (ok, failed, lanes) = recorder.Tally();
        var check = cancelled ? "not checked: the run was cancelled" : context.OutputCheck ?? Check(workload, recorder.Outputs());
        var starts = context.WorkerStartSeconds;
        var nodes = context.Nodes;
        var result = new StrategyResult(id, repetition, MonotonicClock.Seconds(origin, end), cpu, lanes, ok, failed,
            check, peakBytes + context.WorkerPeakBytes, spans, cancelled)
        {
            WorkerStartSeconds = starts.Count > 0 ? starts : null,
            Nodes = nodes.Count > 0 ? nodes : null,
            BaselineMemoryBytes = peak.Baseline,
            Counters = samples,
            RuntimeEvents = runtime is null ? null : context.WorkerRuntimeEvents is { } workers
                ? runtime.Between(origin, end, runtimeBefore).Plus(workers)
                : runtime.Between(origin, end, runtimeBefore),
        };
        events.TryWrite(new StrategyCompleted(result));
        return result;
    }

    private static string Check(IWorkload workload, IReadOnlyDictionary<int, string> outputs)
    {
        try
        {
            return workload.Check(outputs);
        }
        catch (Exception e)
        {
            return $"the output check failed: {FailureReason.Of(e)}";
        }
    }
}
