using Dashboard.Engine.Cluster;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// Every task is one grain call to a lab node (an Orleans silo process); each node runs the tasks
/// it receives with async inside and its CPU work on its cores. The app keeps the queue: a
/// CPU-bound workload's tasks go one per CPU slot, the next when one ends (as the processes
/// strategy's workers pull theirs); other workloads hand each node an even share at once. The
/// nodes come from <see cref="LabRunnerOptions.Cluster"/>; without one every task fails with the
/// reason. Its mode says which form of the workload a node's grain runs:
/// <see cref="WorkerMode.Async"/> leaves the grain's scheduler and awaits (the healthy cluster);
/// <see cref="WorkerMode.Sequential"/> runs the blocking form inside the grain's turn (the
/// blocking-grain lesson).
/// </summary>
internal sealed class ClusterStrategy(string id, WorkerMode mode) : IStrategy
{
    /// <summary>Needs lab nodes, so a person picks it by name; no limit model covers the nodes' cores yet.</summary>
    public static StrategyDescriptor Descriptor { get; } = new()
    {
        Id = StrategyIds.Cluster,
        Name = "cluster",
        Hint = _ => "One grain call per task to lab nodes (Orleans silos); each node awaits its tasks together.",
        Placement = StrategyPlacement.LabNodes,
        Concurrency = Concurrency.Awaits,
        Membership = StrategyMembership.ByName,
        Create = () => new ClusterStrategy(StrategyIds.Cluster, WorkerMode.Async),
    };

    /// <summary>
    /// A lesson: the cluster, but each task's grain makes its blocking call (the workload's blocking
    /// form: a sleep, a synchronous HTTP call, the computation) inside its turn instead of awaiting.
    /// Orleans runs turns on the node's .NET thread pool, so each task holds a pool thread for its
    /// whole length; the nodes' grain call filter reports each long turn (the <c>blocking-grain</c> warning).
    /// </summary>
    public static StrategyDescriptor BlockingDescriptor { get; } = new()
    {
        Id = StrategyIds.BlockingGrain,
        Name = "blocking-grain",
        Hint = _ => "The anti-pattern, on purpose: each task's grain blocks inside its turn (Thread.Sleep, a synchronous call) instead of awaiting, " +
            "holding a node's pool thread for the whole task. Symptom: the blocking-grain warning (long grain turns).",
        Placement = StrategyPlacement.LabNodes,
        Concurrency = Concurrency.BlocksPoolThreads,
        Membership = StrategyMembership.Lesson,
        TaskLimit = new(ThreadsStrategy.MaxTasks,
            "each task holds a pool thread on its node for its whole length, and a node adds pool threads about one or two a second; " +
            "the lesson shows with a few dozen tasks, and past this a node would spend the run adding threads"),
        Create = () => new ClusterStrategy(StrategyIds.BlockingGrain, WorkerMode.Sequential),
    };

    public string Id { get; } = id;

    public async Task RunAsync(StrategyContext context)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return;
        }

        var all = Enumerable.Range(0, context.TaskCount).ToArray();
        if (context.Runner.Cluster is not { } cluster)
        {
            context.Recorder.FinishRemaining(TaskEventKind.Failed, "no cluster is configured: this host has no lab nodes (see Cluster:* settings)");
            return;
        }

        var job = new WorkerJob(context.Parameters, context.Environment, mode, all, context.Options.AsyncCap,
            Id, context.Recorder.Repetition, context.BackgroundPriority);
        var sink = new Sink(context);
        try
        {
            await cluster.RunAsync(job, context.Workload.Kind, sink, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // the runner ends unfinished tasks as cancelled
        }
        catch (Exception e)
        {
            context.Runner.Log?.Invoke(EngineLogLevel.Warning, "The cluster could not run the tasks: {Error}", e.Message);
            context.Recorder.FinishRemaining(TaskEventKind.Failed, $"the cluster could not run the task: {FailureReason.Of(e)}");
        }
        finally
        {
            // A start that failed (or was cancelled) before any task began still ends its status line.
            sink.EndActivity();
        }
    }

    /// <summary>
    /// The repetition's sink: task events go to the recorder; the nodes' start and join go to the
    /// run's watchers as they happen (<see cref="StrategyContext.ReportActivity"/>) until the first
    /// task begins, and into the repetition's result (start and join times).
    /// </summary>
    private sealed class Sink(StrategyContext context) : IClusterTaskSink
    {
        private readonly Lock _gate = new();
        private readonly List<ClusterNode> _joined = [];
        private int _count;
        private bool _reporting;

        public void Started(int task, TaskPlace place, long timestamp)
        {
            if (Valid(task))
            {
                EndActivity();
                context.Recorder.Started(task, place.Lane, timestamp, Node(place));
            }
        }

        public void Progress(int task, TaskPlace place, long timestamp, string detail)
        {
            if (Valid(task))
            {
                context.Recorder.Progress(task, place.Lane, timestamp, detail, Node(place));
            }
        }

        public void Finished(int task, TaskEventKind kind, TaskPlace place, long timestamp, string? detail)
        {
            if (Valid(task) && kind is TaskEventKind.Completed or TaskEventKind.Failed or TaskEventKind.Cancelled)
            {
                EndActivity();
                context.Recorder.Finish(task, kind, place.Lane, timestamp, detail, Node(place));
            }
        }

        public bool IsFinished(int task) => !Valid(task) || context.Recorder.IsFinished(task);

        public void NodesStarting(int count)
        {
            lock (_gate)
            {
                _count = Math.Max(0, count);
                _reporting = true;
                context.ReportActivity(StrategyStartup.NodesJoining(0, _count), []);
            }
        }

        public void NodeJoined(ClusterNode node, int joined, int count)
        {
            ArgumentNullException.ThrowIfNull(node);
            var seconds = node.JoinSeconds ?? 0;
            context.AddWorkerStart(seconds);
            context.AddNodeJoin(node.Name, seconds);
            lock (_gate)
            {
                if (_joined.Count < NodeSummary.MaxNodes)
                {
                    _joined.Add(node);
                }

                // Under the lock: two nodes joining at once report 1 then 2, never 2 then 1.
                if (_reporting)
                {
                    context.ReportActivity(StrategyStartup.NodesJoining(Math.Min(_joined.Count, count), count), [.. _joined]);
                }
            }
        }

        public void Connecting()
        {
            lock (_gate)
            {
                if (_reporting && _count > 0)
                {
                    context.ReportActivity(StrategyStartup.NodesConnecting(_count), [.. _joined]);
                }
            }
        }

        /// <summary>Ends the status line once: at the first task, or when the repetition ends without one.</summary>
        public void EndActivity()
        {
            lock (_gate)
            {
                if (_reporting)
                {
                    _reporting = false;
                    context.ReportActivity(null, [.. _joined]);
                }
            }
        }

        public void NodeUsage(double cpuSeconds) => context.AddWorkerUsage(cpuSeconds, 0);

        public void NodeEvents(RuntimeEvents events) => context.AddWorkerRuntimeEvents(events);

        public void NodeUsed(ClusterNode node) => context.AddNode(node);

        public void OutputsChecked(string check) => context.OutputCheck = check;

        private bool Valid(int task) => task >= 0 && task < context.TaskCount;

        private static string? Node(TaskPlace place) => place.Node.Length == 0 ? null : place.Node;
    }
}
