using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Cluster.Grains;
using Dashboard.Engine.Cluster;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace Dashboard.Cluster.Client;

/// <summary>
/// One repetition on the cluster. The app keeps the queue of tasks; each node gets slots (its CPU
/// slots for a CPU-bound workload, an even share of the tasks otherwise) and a slot that finishes
/// a task pulls the next, so every node stays busy until the queue is empty, as the processes
/// strategy's workers pull theirs. Every task is still one grain call, placed on the slot's node by
/// Orleans' placement hint; the observer carries the live events. A task whose node died fails at
/// once with the reason instead of waiting for a reply that will never come, and that node takes
/// no more tasks. While the cluster settles after a loss, a call refused before it reached its
/// node goes back to the queue (the node is dropped only once the membership no longer lists it),
/// and a call that had not reached its live node some seconds after the loss is taken as lost on
/// the way (it may have gone through the dead node's gateway) and sent again.
/// </summary>
internal sealed partial class RepetitionRun
{
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReachGrace = TimeSpan.FromSeconds(5);
    private const int MaxFailures = 3;
    private readonly IClusterClient _client;
    private readonly WorkerJob _job;
    private readonly WorkloadKind _kind;
    private readonly IClusterTaskSink _sink;
    private readonly NodeClock _clock;
    private readonly ILogger _logger;
    private readonly TaskObserver _observer;
    private readonly ConcurrentQueue<int> _queue;
    private readonly CancellationToken _cancellationToken;

    // Guarded by _gate: each task's current send, the nodes lost with why, sends per task.
    private readonly Lock _gate = new();
    private readonly Dictionary<int, TaskAttempt> _current = [];
    private readonly Dictionary<string, string> _lost = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _attempts = [];
    private readonly List<(long ToNode, long Back)> _overheads = [];
    private readonly Dictionary<string, Dictionary<int, string>> _outputsByNode = new(StringComparer.Ordinal);
    private (long Count, double Seconds, double Longest) _longTurns;

    public RepetitionRun(IClusterClient client, WorkerJob job, WorkloadKind kind, IClusterTaskSink sink, NodeClock clock,
        ILogger logger, CancellationToken cancellationToken)
    {
        _client = client;
        _job = job;
        _kind = kind;
        _sink = sink;
        _clock = clock;
        _logger = logger;
        _cancellationToken = cancellationToken;
        _observer = new TaskObserver(sink, clock);
        _queue = new ConcurrentQueue<int>(job.Tasks);
    }

    public async Task RunAsync()
    {
        var discovered = MonotonicClock.Now;
        var nodes = await ClusterMembership.DiscoverAsync(_client, _logger, _cancellationToken).ConfigureAwait(false);
        var discoverySeconds = MonotonicClock.Seconds(discovered, MonotonicClock.Now);
        var job = NodeJobFor(_job);
        var reference = _client.CreateObjectReference<ITaskObserver>(_observer);
        try
        {
            using var cap = _job.AsyncCap is { } limit ? new SemaphoreSlim(limit, limit) : null;

            // Slots start interleaved (slot 0 of every node, then slot 1, ...): with fewer tasks than
            // slots, every node still gets its share.
            var share = (_job.Tasks.Length + nodes.Count - 1) / nodes.Count;
            var slots = nodes
                .SelectMany(n => Enumerable.Range(0, Window(n.Status.CpuSlots, share)).Select(s => (Node: n, Slot: s)))
                .OrderBy(x => x.Slot)
                .Select(x => SlotLoopAsync(x.Node, job, reference, cap))
                .ToArray();
            var all = Task.WhenAll(slots);
            try
            {
                await all.WaitAsync(_cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
            {
                // Nodes were told (the token travels with each call); give them a moment to answer
                // "cancelled", then leave the rest to the runner, which ends them as cancelled.
                await Task.WhenAny(all, Task.Delay(CancelGrace, CancellationToken.None)).ConfigureAwait(false);
            }
        }
        finally
        {
            _client.DeleteObjectReference<ITaskObserver>(reference);
        }

        if (!_cancellationToken.IsCancellationRequested)
        {
            FailLeftOvers();
            if (WorkloadCatalog.Of(_job.Parameters).WritesOutputs)
            {
                _sink.OutputsChecked(await CheckOnNodesAsync(nodes, job).ConfigureAwait(false));
            }
        }

        _sink.NodeUsage(nodes.Sum(n => n.CpuUsed));
        ReportLongTurns();
        foreach (var node in nodes)
        {
            _sink.NodeUsed(new ClusterNode(node.Name, node.ProcessId, node.Address.Endpoint.ToString(), node.Status.CpuSlots, Math.Round(node.CpuUsed, 6)));
        }

        Summarise(nodes, discoverySeconds);
    }

    /// <summary>How many tasks a node holds at once: one per CPU slot when CPU-bound, else an even share (waits overlap).</summary>
    private int Window(int cpuSlots, int share) => _kind == WorkloadKind.CpuBound ? Math.Max(1, Math.Min(cpuSlots, share)) : Math.Max(1, share);

    /// <summary>One slot of <paramref name="node"/>: takes the next task, runs it there, repeats until the queue is empty.</summary>
    private async Task SlotLoopAsync(NodeSlots node, NodeJob job, ITaskObserver reference, SemaphoreSlim? cap)
    {
        var grain = new SlotGrain(_client);
        try
        {
            await PullAsync(node, grain, job, reference, cap).ConfigureAwait(false);
        }
        finally
        {
            grain.Release();
        }
    }

    private async Task PullAsync(NodeSlots node, SlotGrain grain, NodeJob job, ITaskObserver reference, SemaphoreSlim? cap)
    {
        while (!_cancellationToken.IsCancellationRequested && _queue.TryDequeue(out var task))
        {
            TaskAttempt attempt;
            lock (_gate)
            {
                if (_lost.ContainsKey(node.Status.Name))
                {
                    _queue.Enqueue(task); // for a node that is still there
                    return;
                }

                var number = _attempts[task] = _attempts.GetValueOrDefault(task) + 1;
                attempt = _current[task] = new TaskAttempt(task, number, node);
                _observer.Expect(task, number);
            }

            if (!await RunOneAsync(new TaskCall(job, task, attempt.Number), attempt, grain, reference, cap).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Sends one task to its attempt's node; false when the node is no longer usable.</summary>
    private async Task<bool> RunOneAsync(TaskCall request, TaskAttempt attempt, SlotGrain grain, ITaskObserver reference, SemaphoreSlim? cap)
    {
        var node = attempt.Node;
        if (cap is not null)
        {
            try
            {
                await cap.WaitAsync(_cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        try
        {
            var sent = MonotonicClock.Now;
            Task<TaskOutcome> call;
            RequestContext.Set(IPlacementDirector.PlacementHintKey, node.Address);
            try
            {
                call = grain.Current.RunAsync(request, reference, _cancellationToken);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }

            var first = await Task.WhenAny(call, attempt.Abandoned).ConfigureAwait(false);
            if (first != call)
            {
                // Its node died (the task already failed with the reason), or the call was taken as
                // lost and its task is back in the queue.
                _ = call.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                grain.Renew(); // the lost call may still sit in the old activation's queue
                return IsUsable(node);
            }

            var outcome = await call.ConfigureAwait(false);
            var arrived = MonotonicClock.Now;
            grain.Answered();
            node.Succeeded();
            node.SawCpu(outcome.NodeCpuSeconds);
            var (start, end) = _clock.Span(outcome.Node, outcome.Started, outcome.Ended, arrived);
            if (!_clock.Shared && _observer.LiveStart(request.Task) is { } shown)
            {
                // The timeline already has the start the live note gave (mapped with the offset
                // known then); the span keeps the node's own duration from there.
                (start, end) = (shown, shown + (outcome.Ended - outcome.Started));
            }

            if (outcome.LongTurnSeconds is { } turn)
            {
                lock (_gate)
                {
                    _longTurns = (_longTurns.Count + 1, _longTurns.Seconds + turn, Math.Max(_longTurns.Longest, turn));
                }
            }

            var place = new TaskPlace(outcome.Node, outcome.ProcessId, outcome.ThreadId);
            _sink.Started(request.Task, place, start);
            var kind = outcome.End switch
            {
                TaskEnd.Completed => TaskEventKind.Completed,
                TaskEnd.Cancelled => TaskEventKind.Cancelled,
                _ => TaskEventKind.Failed,
            };
            _sink.Finished(request.Task, kind, place, end, outcome.Detail);
            if (kind == TaskEventKind.Completed)
            {
                lock (_gate)
                {
                    if (!_outputsByNode.TryGetValue(outcome.Node, out var outputs))
                    {
                        _outputsByNode[outcome.Node] = outputs = [];
                    }

                    outputs[request.Task] = outcome.Detail ?? string.Empty;
                }
            }
            if (_clock.Shared)
            {
                lock (_gate)
                {
                    _overheads.Add((outcome.Started - sent, arrived - outcome.Ended));
                }
            }

            return true;
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            return false; // the runner ends it as cancelled
        }
        catch (Exception e)
        {
            var reason = $"the grain call to node {node.Name} failed: {e.GetType().Name}: {FirstLine(e.Message)}";
            _logger.LogDebug("Task {Task}, send {Attempt}: {Reason}", request.Task, attempt.Number, reason);

            // Right after a node dies the cluster reconfigures, and a call to a live node can be
            // refused on the way (routed through the dead one, or its grain's directory entry lived
            // there). A call refused before it reached its node goes back to the queue, MaxAttempts
            // sends at most, and the node waits a little longer after each refusal in a row. The
            // node itself is dropped when the membership no longer lists it; any other failure
            // fails the task, and MaxFailures of those in a row drop the node.
            var refused = e is OrleansMessageRejectionException or SiloUnavailableException && !_observer.Reached(request.Task);
            var gone = refused && !await ClusterMembership.IsActiveAsync(_client, node, _logger, _cancellationToken).ConfigureAwait(false);
            var retry = false;
            lock (_gate)
            {
                if (refused && attempt.Number < TaskCall.MaxAttempts && _current.TryGetValue(request.Task, out var current) && current == attempt)
                {
                    _current.Remove(request.Task);
                    _queue.Enqueue(request.Task);
                    retry = true;
                }

                if (!refused && node.Failed() >= MaxFailures)
                {
                    _lost.TryAdd(node.Name, reason);
                }
            }

            if (gone)
            {
                NodeLost(node.Name, $"node {node.Name} left the cluster");
            }

            if (!retry)
            {
                _sink.Finished(request.Task, TaskEventKind.Failed, TaskPlace.Here, MonotonicClock.Now, reason);
            }
            else if (!gone)
            {
                grain.Renew();
                await Task.Delay(node.Refused(), CancellationToken.None).ConfigureAwait(false);
            }

            return IsUsable(node);
        }
        finally
        {
            cap?.Release();
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>
    /// What every task of <paramref name="job"/> shares, as the nodes take it: ids and typed
    /// parameters; the nodes use their own targets and output folders. A sequential job (the
    /// blocking-grain lesson) asks the grains to run the blocking form inside their turn.
    /// </summary>
    private static NodeJob NodeJobFor(WorkerJob job)
    {
        // ClusterConnection refuses a job without a run id; a node refuses a non-positive one.
        return new NodeJob(Guid.NewGuid(), job.Environment.RunId ?? 0, job.Repetition, JsonSerializer.Serialize(job.Parameters, WorkerJson.Parameters),
            job.Environment.Policy is null ? NodeTargetKind.Simulated : NodeTargetKind.Real,
            job.Environment.RequestTimeoutMs ?? WorkloadEnvironment.DefaultRequestTimeoutMs, job.Environment.TargetCapability,
            job.BackgroundPriority, BlockInTurn: job.Mode == WorkerMode.Sequential);
    }

    /// <summary>The nodes' long grain turns of this repetition (their filters timed them), as runtime events.</summary>
    private void ReportLongTurns()
    {
        (long Count, double Seconds, double Longest) turns;
        lock (_gate)
        {
            turns = _longTurns;
        }

        if (turns.Count > 0)
        {
            _sink.NodeEvents(new RuntimeEvents([], 0, 0)
            {
                LongTurns = turns.Count,
                LongTurnSeconds = Math.Round(turns.Seconds, 6),
                LongestTurnSeconds = turns.Longest,
            });
        }
    }

    /// <summary>Each node that ran tasks checks the files they wrote (see <see cref="NodeFileChecks"/>).</summary>
    private Task<string> CheckOnNodesAsync(IReadOnlyList<NodeSlots> nodes, NodeJob job)
    {
        List<NodeFileChecks.Ran> ran;
        lock (_gate)
        {
            ran = [.. nodes.Where(n => _outputsByNode.ContainsKey(n.Name))
                .Select(n => new NodeFileChecks.Ran(n.Name, n.Address, new Dictionary<int, string>(_outputsByNode[n.Name]),
                    _lost.GetValueOrDefault(n.Name)))];
        }

        return NodeFileChecks.CheckAsync(_client, job, ran, _cancellationToken);
    }

    private void Summarise(IReadOnlyList<NodeSlots> nodes, double discoverySeconds)
    {
        if (!_logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        List<(long ToNode, long Back)> overheads;
        Dictionary<string, int> perNode;
        lock (_gate)
        {
            overheads = [.. _overheads];
            perNode = _current.Values.GroupBy(a => a.Node.Name).ToDictionary(g => g.Key, g => g.Count());
        }

        static double MedianMs(IEnumerable<long> ticks)
        {
            var sorted = ticks.Order().ToList();
            return sorted.Count == 0 ? double.NaN : Dashboard.Engine.Statistics.Quantiles.Median(sorted.Select(t => (double)t)) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        }

        _logger.LogDebug(
            "Cluster repetition {Repetition}: nodes found in {DiscoveryMs:F1} ms; tasks per node {PerNode}; median call overhead {ToNodeMs:F2} ms from send to start on the node, {BackMs:F2} ms from the end there to the reply here; node CPU {CpuSeconds:F3} s",
            _job.Repetition, discoverySeconds * 1000, string.Join(", ", nodes.Select(n => $"{n.Status.Name} {perNode.GetValueOrDefault(n.Status.Name)}/{n.Status.CpuSlots} slots")),
            MedianMs(overheads.Select(o => o.ToNode)), MedianMs(overheads.Select(o => o.Back)), nodes.Sum(n => n.CpuUsed));
    }
}
