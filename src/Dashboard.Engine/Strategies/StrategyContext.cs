using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// Everything one strategy repetition needs: the workload, the knobs, the recorder that turns
/// task outcomes into events, and the cancellation token. Also runs one task in-process in
/// either form, so every strategy reports tasks the same way.
/// </summary>
internal sealed class StrategyContext : ITaskLoopObserver, IStampedStartObserver
{
    private double _workerCpuSeconds;
    private long _workerPeakBytes;
    private readonly List<double> _workerStartSeconds = [];
    private RuntimeEvents? _workerRuntimeEvents;
    private readonly List<Cluster.ClusterNode> _nodes = [];
    private readonly Dictionary<string, double> _nodeJoins = new(StringComparer.Ordinal);

    public StrategyContext(
        IWorkload workload,
        WorkloadEnvironment environment,
        StrategyOptions options,
        LabRunnerOptions runner,
        WorkerLauncher launcher,
        TaskRecorder recorder,
        CancellationToken cancellationToken)
    {
        Workload = workload;
        Environment = environment;
        Options = options;
        Runner = runner;
        Launcher = launcher;
        Recorder = recorder;
        CancellationToken = cancellationToken;
    }

    public IWorkload Workload { get; }

    public WorkloadParameters Parameters => Workload.Parameters;

    public WorkloadEnvironment Environment { get; }

    public StrategyOptions Options { get; }

    public LabRunnerOptions Runner { get; }

    public WorkerLauncher Launcher { get; }

    public TaskRecorder Recorder { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// The run's event stream, for <see cref="ReportActivity"/>: what the repetition does before its
    /// first task (set by the runner; null in tests that make a context on their own).
    /// </summary>
    public ChannelWriter<LabEvent>? Events { get; init; }

    /// <summary>
    /// Tells the run's watchers what the repetition is doing before its first task ("starting 2 lab
    /// nodes… 1 of 2 joined"), with the nodes joined so far; <paramref name="text"/> null when it is done.
    /// </summary>
    public void ReportActivity(string? text, IReadOnlyList<Cluster.ClusterNode> nodes) =>
        Events?.TryWrite(new StrategyActivity(Recorder.Strategy, Recorder.Repetition, text, nodes));

    /// <summary>This repetition's counter sampler (worker processes' samples join it); null when counters are off.</summary>
    public CounterSampler? Counters { get; set; }

    public int TaskCount => Recorder.TaskCount;

    /// <summary>
    /// The repetition's output check when the strategy's tasks wrote their files elsewhere and it was
    /// made there (the lab nodes); null = the runner checks the workload's own folder.
    /// </summary>
    public string? OutputCheck { get; set; }

    public bool BackgroundPriority => Runner.BackgroundPriority;

    public double WorkerCpuSeconds => Volatile.Read(ref _workerCpuSeconds);

    public long WorkerPeakBytes => Interlocked.Read(ref _workerPeakBytes);

    public IReadOnlyList<double> WorkerStartSeconds
    {
        get
        {
            lock (_workerStartSeconds)
            {
                return [.. _workerStartSeconds];
            }
        }
    }

    public void AddWorkerUsage(double cpuSeconds, long peakBytes)
    {
        lock (_workerStartSeconds)
        {
            _workerCpuSeconds += cpuSeconds;
        }

        Interlocked.Add(ref _workerPeakBytes, peakBytes);
    }

    /// <summary>The runtime events worker processes sent, added up; null when none did.</summary>
    public RuntimeEvents? WorkerRuntimeEvents
    {
        get
        {
            lock (_workerStartSeconds)
            {
                return _workerRuntimeEvents;
            }
        }
    }

    public void AddWorkerRuntimeEvents(RuntimeEvents events)
    {
        lock (_workerStartSeconds)
        {
            _workerRuntimeEvents = _workerRuntimeEvents is null ? events : _workerRuntimeEvents.Plus(events);
        }
    }

    /// <summary>The lab nodes this repetition used, each with its join time when it started them; empty off the cluster.</summary>
    public IReadOnlyList<Cluster.ClusterNode> Nodes
    {
        get
        {
            lock (_nodes)
            {
                return [.. _nodes.Select(n => _nodeJoins.TryGetValue(n.Name, out var join) ? n with { JoinSeconds = join } : n)];
            }
        }
    }

    public void AddNodeJoin(string name, double seconds)
    {
        lock (_nodes)
        {
            _nodeJoins[name] = seconds;
        }
    }

    public void AddNode(Cluster.ClusterNode node)
    {
        lock (_nodes)
        {
            if (_nodes.Count < Cluster.NodeSummary.MaxNodes)
            {
                _nodes.Add(node);
            }
        }
    }

    public void AddWorkerStart(double seconds)
    {
        lock (_workerStartSeconds)
        {
            _workerStartSeconds.Add(seconds);
        }
    }

    /// <summary>Runs one task with the blocking form on the calling thread; never throws.</summary>
    public void RunBlocking(int task) => TaskLoop.RunBlocking(Workload, task, this, CancellationToken);

    /// <summary>Runs one task with the async form; never throws.</summary>
    public Task RunAsync(int task) => TaskLoop.RunAsync(Workload, task, this, CancellationToken);

    // The task's segments (each a stretch on one thread, a hop when the thread changed) add up in
    // its recorded state; the task loop follows them.
    TaskTimes? ITaskLoopObserver.Started(int task) => Recorder.StartedTracked(task, Lane.Current, MonotonicClock.Now);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    TaskTimes IStampedStartObserver.Started(int task, long timestamp) => Recorder.StartedTracked(task, Lane.Current, timestamp);

    void ITaskLoopObserver.Progress(int task, string detail) => Recorder.Progress(task, Lane.Current, MonotonicClock.Now, detail);

    void ITaskLoopObserver.Ended(int task, TaskEventKind kind, string? detail) =>
        Recorder.Finish(task, kind, Lane.Current, MonotonicClock.Now, detail);
}
