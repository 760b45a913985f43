using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Telemetry;

/// <summary>
/// The runs' metrics and spans, heard from the side as an <see cref="IRunObserver"/> of the queue:
/// every state change counts once by state, queued and running runs are an up-down count, every
/// task that ended counts once (when its repetition is reported, or at the run's end for
/// repetitions the run service never reported), and a run that ran becomes one span from its
/// start to its end. Instruments with no listener cost an interlocked check, so this is always
/// registered; the OpenTelemetry SDK only listens when an exporter is configured.
/// </summary>
public sealed class RunTelemetry : IRunObserver, IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _transitions;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _tasksEnded;
    private readonly Histogram<double> _runDuration;

    // Per running run: how many of its results (from the front) have had their tasks counted.
    private readonly ConcurrentDictionary<long, int> _counted = new();

    public RunTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(DashboardTelemetry.RunsName);
        _transitions = _meter.CreateCounter<long>(DashboardTelemetry.RunTransitionsInstrument, "{run}", "Run state changes, by the state entered.");
        _active = _meter.CreateUpDownCounter<long>(DashboardTelemetry.ActiveRunsInstrument, "{run}", "Runs queued or running now, by state.");
        _tasksEnded = _meter.CreateCounter<long>(DashboardTelemetry.TasksEndedInstrument, "{task}", "Tasks that ended, by strategy and status.");
        _runDuration = _meter.CreateHistogram<double>(DashboardTelemetry.RunDurationInstrument, "s", "Wall time of runs that ran, by final state.");
    }

    public void OnTransition(RunTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var to = StateTag(transition.To);
        _transitions.Add(1, to);
        if (transition.From is { } from && !RunLifecycle.IsFinal(from))
        {
            _active.Add(-1, StateTag(from));
        }

        var run = transition.Run;
        if (!run.IsFinished)
        {
            _active.Add(1, to);
            return;
        }

        // Repetitions the run service did not report one by one (the engine's final results, a
        // cancelled repetition) are counted now, so every task is counted exactly once.
        _counted.TryRemove(run.Id, out var counted);
        for (var i = counted; i < run.Results.Count; i++)
        {
            CountTasks(run.Results[i]);
        }

        if (run.StartedAt is { } started && run.EndedAt is { } ended)
        {
            _runDuration.Record(Math.Max(0, (ended - started).TotalSeconds), to);
            RecordRunSpan(run, started, ended);
        }
    }

    public Task OnRunEndedAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        OnTransition(new RunTransition(RunState.Running, run.Summary));
        return Task.CompletedTask;
    }

    public Task OnRepetitionFinishedAsync(RunSummary run, int ordinal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (ordinal < 0 || ordinal >= run.Results.Count)
        {
            return Task.CompletedTask;
        }

        // Reports come in order, one per repetition; count those not counted yet up to this one.
        var counted = _counted.GetValueOrDefault(run.Id);
        for (var i = counted; i <= ordinal; i++)
        {
            CountTasks(run.Results[i]);
        }

        _counted[run.Id] = Math.Max(counted, ordinal + 1);
        return Task.CompletedTask;
    }

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> StateTag(RunState state) =>
        new(DashboardTelemetry.StateAttribute, RunLifecycle.ToText(state));

    private void CountTasks(StrategyResult result)
    {
        if (!_tasksEnded.Enabled)
        {
            return;
        }

        int ok = 0, failed = 0, cancelled = 0;
        foreach (var span in result.Spans)
        {
            switch (span.Status)
            {
                case Engine.Running.TaskStatus.Ok: ok++; break;
                case Engine.Running.TaskStatus.Failed: failed++; break;
                default: cancelled++; break;
            }
        }

        Add(result.Strategy, "ok", ok);
        Add(result.Strategy, "failed", failed);
        Add(result.Strategy, "cancelled", cancelled);
    }

    private void Add(string strategy, string status, int count)
    {
        if (count > 0)
        {
            _tasksEnded.Add(count,
                new KeyValuePair<string, object?>(DashboardTelemetry.StrategyAttribute, strategy),
                new KeyValuePair<string, object?>(DashboardTelemetry.TaskStatusAttribute, status));
        }
    }

    /// <summary>
    /// One root span from the run's start to its end, written when it has ended (its start time
    /// is set afterwards), so no span stays open across requests.
    /// </summary>
    private static void RecordRunSpan(RunSummary run, DateTimeOffset started, DateTimeOffset ended)
    {
        var source = DashboardTelemetry.RunsSource;
        if (!source.HasListeners())
        {
            return;
        }

        // The final move happens on a request thread (cancel) or the run service: the run's span
        // is its own trace, not a child of whatever request is current.
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            using var activity = source.StartActivity("run", ActivityKind.Internal, parentContext: default, startTime: started);
            if (activity is null)
            {
                return;
            }

            activity.DisplayName = $"run {run.Plan.Parameters.Workload}";
            activity.SetTag(DashboardTelemetry.RunIdAttribute, run.Id);
            activity.SetTag(DashboardTelemetry.StateAttribute, RunLifecycle.ToText(run.State));
            activity.SetTag(DashboardTelemetry.WorkloadAttribute, run.Plan.Parameters.Workload);
            if (run.Label is not null)
            {
                activity.SetTag(DashboardTelemetry.LabelAttribute, run.Label);
            }

            activity.SetTag(DashboardTelemetry.StrategiesAttribute, string.Join(',', run.Plan.Strategies));
            activity.SetTag(DashboardTelemetry.RepetitionsAttribute, run.Results.Count);
            activity.SetTag(DashboardTelemetry.TasksOkAttribute, run.Results.Sum(r => r.TasksOk));
            activity.SetTag(DashboardTelemetry.TasksFailedAttribute, run.Results.Sum(r => r.TasksFailed));
            if (run.State is RunState.Failed or RunState.TimedOut)
            {
                activity.SetStatus(ActivityStatusCode.Error, run.Error);
            }

            activity.SetEndTime(ended.UtcDateTime);
        }
        finally
        {
            Activity.Current = previous;
        }
    }
}
