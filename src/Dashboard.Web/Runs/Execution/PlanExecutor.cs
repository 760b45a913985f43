using Dashboard.Cluster.Client;
using Dashboard.Cluster.Hosting;
using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.Logging.Abstractions;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Execution;

/// <summary>
/// Runs one plan on the engine (its strategies, runtimes, warmup and repetitions, sweep, on the
/// cluster when it has one) and reports every event to an <see cref="IPlanObserver"/>. The app's
/// <see cref="RunService"/> runs its queued runs through one over the app's engine; the bench runs
/// through a <see cref="Standalone"/> one, with its own engine and local lab nodes.
/// </summary>
public sealed class PlanExecutor : IAsyncDisposable
{
    private readonly ILabRunner _runner;
    private readonly ClusterConnection? _ownCluster;

    /// <summary>An executor over <paramref name="runner"/> (the app's engine); it owns nothing.</summary>
    public PlanExecutor(ILabRunner runner)
        : this(runner, null)
    {
    }

    private PlanExecutor(ILabRunner runner, ClusterConnection? ownCluster)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
        _ownCluster = ownCluster;
    }

    /// <summary>The engine's worker program and how it was chosen (standalone engines only), for the bench's header.</summary>
    public (string Path, string Choice)? Workers => _runner is LabRunner own ? (own.WorkerPath, own.WorkerChoice) : null;

    /// <summary>
    /// An executor with its own engine for a process without the app (the bench): task threads and
    /// workers at normal priority (no web UI to keep responsive; nice 10 on a shared machine would
    /// measure the neighbours' load rather than the strategies), and, when the plan has a strategy
    /// on lab nodes, <paramref name="nodes"/> local nodes that live until the executor is disposed.
    /// </summary>
    public static PlanExecutor Standalone(RunPlan plan, int nodes, Func<NodeTargets> targets)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var cluster = plan.Strategies.Any(s => StrategyCatalog.PlacementOf(s) == StrategyPlacement.LabNodes)
            ? new ClusterConnection(new LabClusterOptions { LocalNodes = nodes }, NullLoggerFactory.Instance, targets)
            : null;
        return new PlanExecutor(new LabRunner(new LabRunnerOptions { BackgroundPriority = false, Cluster = cluster }), cluster);
    }

    /// <summary>
    /// Validates and runs <paramref name="plan"/> (throws <see cref="InvalidParametersException"/>),
    /// reports each event to <paramref name="observer"/>, and returns the engine's result; a
    /// cancelled run returns with <see cref="RunResult.Cancelled"/> set once every event is reported.
    /// </summary>
    public async Task<RunResult> ExecuteAsync(RunPlan plan, WorkloadEnvironment environment, IPlanObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observer);
        observer.OnStarting();
        var run = _runner.Start(plan, environment, cancellationToken);

        // The engine ends the stream itself when the run ends or is cancelled, so every event
        // (the cancelled strategies' last ones included) is read; no token here on purpose.
        await foreach (var labEvent in run.Events.WithCancellation(CancellationToken.None))
        {
            await observer.OnEventAsync(labEvent);
        }

        return await run.Completion;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownCluster is not null)
        {
            await _ownCluster.DisposeAsync();
        }
    }
}
