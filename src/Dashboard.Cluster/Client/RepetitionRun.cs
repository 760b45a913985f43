using System.Text.Json;
using Dashboard.Cluster.Grains;
using Dashboard.Engine.Cluster;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;

namespace Dashboard.Cluster.Client;

/// <summary>
/// One repetition on the cluster: one grain call per task (an async cap limits calls in flight),
/// the observer for live events, and the rule that a task whose node died fails at once with the
/// reason instead of waiting for a reply that will never come.
/// </summary>
internal sealed class RepetitionRun
{
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(2);
    private readonly IClusterClient _client;
    private readonly WorkerJob _job;
    private readonly IClusterTaskSink _sink;
    private readonly NodeClock _clock;
    private readonly TaskObserver _observer;
    private readonly Dictionary<int, TaskCompletionSource> _abandoned;
    private readonly CancellationToken _cancellationToken;

    public RepetitionRun(IClusterClient client, WorkerJob job, IClusterTaskSink sink, NodeClock clock, CancellationToken cancellationToken)
    {
        _client = client;
        _job = job;
        _sink = sink;
        _clock = clock;
        _cancellationToken = cancellationToken;
        _observer = new TaskObserver(sink, clock);
        _abandoned = job.Tasks.ToDictionary(t => t, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>Fails every unfinished task that reached <paramref name="node"/> with <paramref name="reason"/>.</summary>
    public void NodeLost(string node, string reason)
    {
        var now = MonotonicClock.Now;
        foreach (var (task, place) in _observer.On(node))
        {
            if (!_sink.IsFinished(task))
            {
                _sink.Finished(task, TaskEventKind.Failed, place, now, $"{reason} during the task");
            }

            _abandoned[task].TrySetResult();
        }
    }

    public async Task RunAsync()
    {
        var jobJson = JsonSerializer.Serialize(_job, WorkerJson.Job);
        var jobId = Guid.NewGuid();
        var reference = _client.CreateObjectReference<ITaskObserver>(_observer);
        try
        {
            using var cap = _job.AsyncCap is { } limit ? new SemaphoreSlim(limit, limit) : null;
            var calls = _job.Tasks.Select(t => RunOneAsync(new TaskCall(jobId, jobJson, t), reference, cap)).ToArray();
            var all = Task.WhenAll(calls);
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
    }

    private async Task RunOneAsync(TaskCall request, ITaskObserver reference, SemaphoreSlim? cap)
    {
        if (cap is not null)
        {
            try
            {
                await cap.WaitAsync(_cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        try
        {
            var call = _client.GetGrain<ITaskGrain>(Guid.NewGuid()).RunAsync(request, reference, _cancellationToken);
            var first = await Task.WhenAny(call, _abandoned[request.Task].Task).ConfigureAwait(false);
            if (first != call)
            {
                _ = call.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                return; // its node died: already failed with the reason
            }

            var outcome = await call.ConfigureAwait(false);
            var (start, end) = _clock.Span(outcome.Node, outcome.Started, outcome.Ended, MonotonicClock.Now);
            var place = new TaskPlace(outcome.Node, outcome.ProcessId, outcome.ThreadId);
            _sink.Started(request.Task, place, start);
            var kind = outcome.End switch
            {
                TaskEnd.Completed => TaskEventKind.Completed,
                TaskEnd.Cancelled => TaskEventKind.Cancelled,
                _ => TaskEventKind.Failed,
            };
            _sink.Finished(request.Task, kind, place, end, outcome.Detail);
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            // the runner ends it as cancelled
        }
        catch (Exception e)
        {
            _sink.Finished(request.Task, TaskEventKind.Failed, TaskPlace.Here, MonotonicClock.Now,
                $"the grain call failed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            cap?.Release();
        }
    }
}
