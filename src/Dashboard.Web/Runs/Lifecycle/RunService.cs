using System.Diagnostics;
using Dashboard.Engine.Cluster;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Simulation;
using Microsoft.Extensions.Options;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Host;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// Executes queued runs one at a time (two runs never share the CPU). For each run one fan-out
/// reads the engine's events, numbers and keeps them in the <see cref="LiveRun"/>, and a ticker
/// publishes what is new to watchers every <see cref="RunServiceOptions.BatchIntervalMs"/>.
/// Everything here is async and light: the CPU belongs to the engine's task threads and workers.
/// </summary>
public sealed class RunService : BackgroundService
{
    /// <summary>How long the observers (storage) may take to hear that a run ended.</summary>
    internal static readonly TimeSpan HandlerTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The status line while the CPU is calibrated before a run's first strategy.</summary>
    public const string CalibratingActivity = "calibrating the CPU (once per machine and engine: what the CPU limits are measured against)…";

    private readonly RunQueue _queue;
    private readonly IServiceProvider _services;
    private readonly LabTargetAddress _targets;
    private readonly RunEnvironmentSource _environment;
    private readonly RunOutputLocations _outputs;
    private readonly LabCapabilities _capabilities;
    private readonly TimeProvider _time;
    private readonly RunServiceOptions _options;
    private readonly ILogger<RunService> _logger;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly double _wallClockOffsetMs;

    public RunService(
        RunQueue queue,
        IServiceProvider services,
        LabTargetAddress targets,
        RunEnvironmentSource environment,
        RunOutputLocations outputs,
        LabCapabilities capabilities,
        TimeProvider time,
        IOptions<RunServiceOptions> options,
        ILogger<RunService> logger,
        IHostApplicationLifetime? lifetime = null)
    {
        _lifetime = lifetime;
        _queue = queue;
        _services = services;
        _targets = targets;
        _environment = environment;
        _outputs = outputs;
        _capabilities = capabilities;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _wallClockOffsetMs = WireEventConverter.CaptureWallClockOffset(time);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The app stopping ends the run at once: ApplicationStopping fires on SIGTERM, before the host
        // stops this service and while watchers are still connected (RunHubShutdown holds their
        // connections open until they have the run's final state).
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _lifetime?.ApplicationStopping ?? CancellationToken.None);
        var appStopping = stopping.Token;
        try
        {
            while (!appStopping.IsCancellationRequested)
            {
                var run = await _queue.DequeueAsync(appStopping);
                await ExecuteRunAsync(run, appStopping);
            }
        }
        catch (OperationCanceledException) when (appStopping.IsCancellationRequested)
        {
            // The app is stopping.
        }
        finally
        {
            _queue.InterruptQueued();
        }
    }

    private async Task ExecuteRunAsync(LiveRun run, CancellationToken stoppingToken)
    {
        // The wall-clock limit runs on the injected clock, so a test's clock decides when it fires.
        using var wallClock = new CancellationTokenSource(TimeSpan.FromSeconds(_options.MaxRunWallSeconds), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, run.CancellationToken, wallClock.Token);
        var plan = run.Plan;
        var outputDirectory = "";
        var converter = new WireEventConverter(_wallClockOffsetMs);
        var failures = new TaskFailureLog(_logger, run.Id, _options.LoggedFailuresPerStrategy);
        var stopwatch = Stopwatch.StartNew();
        RunResult? result = null;
        string? error = null;
        using var logScope = _logger.BeginScope(new Dictionary<string, object> { ["RunId"] = run.Id });

        // The run's key to the simulated targets: its workers, twins and nodes show it on every
        // request, and it ends with the run (or, at the latest, a minute after the wall-clock limit).
        using var capability = _capabilities.Issue(TimeSpan.FromSeconds(_options.MaxRunWallSeconds + 60));

        // Captured as the run starts: the targets' knobs can be changed while it runs, and the
        // stored run must say what its tasks met, not what was set when it ended.
        var ranIn = _environment.Capture(plan);

        _logger.LogInformation("Run {RunId} started: {Workload} x {TaskCount} tasks, strategies {Strategies}",
            run.Id, plan.Parameters.Workload, plan.Parameters.TaskCount, plan.Strategies);
        using var ticker = new CancellationTokenSource();
        var publishing = PublishPeriodicallyAsync(run, ticker.Token);
        try
        {
            var runner = _services.GetService<ILabRunner>()
                ?? throw new InvalidOperationException("No lab engine is registered (ILabRunner); the run cannot start.");
            // Asked again now: memory outputs queued earlier may have filled the cap or the tmpfs since.
            _outputs.ThrowIfUnavailable(plan);

            // Only now: the check above may have made (or replaced) the app's private memory folder.
            outputDirectory = _outputs.DirectoryFor(run.Id, plan.Output);
            Directory.CreateDirectory(outputDirectory);
            ranIn = ranIn with { Outputs = OutputPlace.Describe(outputDirectory) };
            var environment = _targets.EnvironmentFor(plan, outputDirectory) with { RunId = run.Id };
            if (environment.Policy is null)
            {
                // Simulated targets only: a real site never sees the capability.
                environment = environment with { TargetCapability = capability.Value };
            }

            if (WorkloadCatalog.Of(plan.Parameters).Arithmetic(plan.Parameters) is { } engine && _services.GetService<CpuCalibrationCache>() is { } calibrations)
            {
                // Once per machine and engine (then from the data folder): what the CPU limits are measured against.
                // Measuring takes seconds before the first strategy: watchers see the step while it lasts.
                var measuring = calibrations.Cached(engine) is null;
                var calibrating = _time.GetTimestamp();
                if (measuring)
                {
                    run.UpdateSummary(s => s with { Activity = CalibratingActivity }, ringNow: true);
                }

                try
                {
                    ranIn = ranIn with { Calibration = await calibrations.GetOrMeasureAsync(engine, linked.Token) };
                }
                finally
                {
                    if (measuring)
                    {
                        // The race shows the phase with its measured length; the store keeps it with the environment.
                        var seconds = Math.Round(_time.GetElapsedTime(calibrating).TotalSeconds, 3);
                        ranIn = ranIn with { CalibrationSeconds = seconds };
                        run.UpdateSummary(s => s with { Activity = null, CalibrationSeconds = seconds }, ringNow: true);
                    }
                }
            }

            result = await new PlanExecutor(runner).ExecuteAsync(plan, environment, new LiveRunObserver(run, converter, failures, _queue), linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Cancelled: the state below says by whom.
        }
        catch (InvalidParametersException ex)
        {
            error = ex.Message;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Run {RunId} failed", run.Id);
            error = ex.Message;
        }
        finally
        {
            await ticker.CancelAsync();
            await publishing;
            failures.FlushAll();
        }

        var outcome = RunLifecycle.OutcomeOf(
            failed: error is not null,
            engineFinished: result is { Cancelled: false },
            appStopping: stoppingToken.IsCancellationRequested,
            cancelRequested: run.CancelRequested,
            wallClockHit: wallClock.IsCancellationRequested);

        // The engine's list is authoritative (it includes a strategy cut short by cancellation).
        var summary = result?.Results is { Count: > 0 } results ? run.Summary with { Results = results } : run.Summary;

        // The nodes the cluster strategy used go with the run's environment: the stored results keep spans, not nodes.
        if (NodeSummary.Of(summary.Results) is { Count: > 0 } nodes)
        {
            ranIn = ranIn with { Nodes = nodes };
        }

        var final = RunLifecycle.End(summary, outcome, _time.GetUtcNow(), error, _options.MaxRunWallSeconds);
        var state = final.State;
        _logger.LogInformation(
            "Run {RunId} finished {State} in {ElapsedSeconds:0.000} s: {Repetitions} strategy repetitions, {TasksOk} tasks ok, {TasksFailed} failed",
            run.Id, state.ToString(), stopwatch.Elapsed.TotalSeconds, final.Results.Count,
            final.Results.Sum(r => r.TasksOk), final.Results.Sum(r => r.TasksFailed));

        // Watchers and pages hear the end at once, with the environment they need for the limits; then
        // observers hear it even when the app is stopping (storage records the interrupted run), within
        // a bound below the host's shutdown timeout, so a stopping app still stores the run. Whoever
        // reads the stored run meanwhile (an export, History, the API) waits for that save (LiveRun.Saving).
        using var handlerTimeout = new CancellationTokenSource(HandlerTimeout);
        await _queue.FinishAsync(run, new CompletedRun(final, result, run.Events, outputDirectory, ranIn), handlerTimeout.Token);
    }

    private async Task PublishPeriodicallyAsync(LiveRun run, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.BatchIntervalMs), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                run.Publish();
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended; Finish rings the watchers for the last batch.
        }
    }
}
