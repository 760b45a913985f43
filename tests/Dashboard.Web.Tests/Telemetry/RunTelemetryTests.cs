using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Telemetry;
using Dashboard.Web.Tests.Exports;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Tests.Telemetry;

/// <summary>The observer's real Activity and metric payload, caught by OpenTelemetry's in-memory exporters.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class RunTelemetryTests : IDisposable
{
    private readonly List<Activity> _activities = [];
    private readonly List<Metric> _metrics = [];
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _meters;
    private readonly ServiceProvider _services;
    private readonly RunTelemetry _telemetry;

    public RunTelemetryTests()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(DashboardTelemetry.RunsName).AddInMemoryExporter(_activities).Build();
        _meters = Sdk.CreateMeterProviderBuilder().AddMeter(DashboardTelemetry.RunsName).AddInMemoryExporter(_metrics).Build();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _telemetry = new RunTelemetry(_services.GetRequiredService<IMeterFactory>());
    }

    public void Dispose()
    {
        _telemetry.Dispose();
        _services.Dispose();
        _tracing.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task RunThatRan_OneRunSpanFromStartToEnd_WithItsAttributes()
    {
        var run = ExportTestRuns.Mixed();

        await PlayAsync(run);
        _tracing.ForceFlush();

        var span = Assert.Single(_activities, a => a.GetTagItem(DashboardTelemetry.RunIdAttribute) is 7L);
        Assert.Equal(DashboardTelemetry.RunsName, span.Source.Name);
        Assert.Null(span.Parent);
        Assert.Equal(run.StartedAt!.Value.UtcDateTime, span.StartTimeUtc);
        Assert.Equal(run.EndedAt!.Value - run.StartedAt!.Value, span.Duration);
        Assert.Equal("completed", span.GetTagItem(DashboardTelemetry.StateAttribute));
        Assert.Equal("hello", span.GetTagItem(DashboardTelemetry.WorkloadAttribute));
        Assert.Equal(run.Label, span.GetTagItem(DashboardTelemetry.LabelAttribute));
        Assert.Equal("sequential,threads,async,processes", span.GetTagItem(DashboardTelemetry.StrategiesAttribute));
        Assert.Equal(run.Results.Count, span.GetTagItem(DashboardTelemetry.RepetitionsAttribute));
        Assert.Equal(run.Results.Sum(r => r.TasksFailed), span.GetTagItem(DashboardTelemetry.TasksFailedAttribute));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task RunThatRan_TransitionsCountedByState_ActiveBackToZero()
    {
        await PlayAsync(ExportTestRuns.Mixed());
        _meters.ForceFlush();

        var transitions = Sums(DashboardTelemetry.RunTransitionsInstrument, DashboardTelemetry.StateAttribute);
        Assert.Equal(new Dictionary<string, long> { ["queued"] = 1, ["running"] = 1, ["completed"] = 1 }, transitions);
        var active = Sums(DashboardTelemetry.ActiveRunsInstrument, DashboardTelemetry.StateAttribute);
        Assert.Equal(0, active["queued"]);
        Assert.Equal(0, active["running"]);
    }

    [Fact]
    public async Task RunThatRan_EveryTaskCountedOnce_ByStatus()
    {
        var run = ExportTestRuns.Mixed();

        // Half the repetitions reported one by one, the rest only in the final state.
        await PlayAsync(run, reported: run.Results.Count / 2);
        _meters.ForceFlush();

        var byStatus = Sums(DashboardTelemetry.TasksEndedInstrument, DashboardTelemetry.TaskStatusAttribute);
        var spans = run.Results.SelectMany(r => r.Spans).ToList();
        Assert.Equal(spans.Count, byStatus.Values.Sum());
        Assert.Equal(spans.Count(s => s.Status == Engine.Running.TaskStatus.Failed), byStatus["failed"]);
        Assert.Equal(spans.Count(s => s.Status == Engine.Running.TaskStatus.Cancelled), byStatus["cancelled"]);
        var byStrategy = Sums(DashboardTelemetry.TasksEndedInstrument, DashboardTelemetry.StrategyAttribute);
        Assert.Equal(run.Results.Where(r => r.Strategy == "async").Sum(r => r.Spans.Count), byStrategy["async"]);
    }

    [Fact]
    public async Task RunCancelledWhileQueued_NoSpan_NoTasks_ActiveBackToZero()
    {
        var run = ExportTestRuns.Mixed() with { Id = 70, Results = [] };
        var queued = run with { State = RunState.Queued, StartedAt = null, EndedAt = null };

        _telemetry.OnTransition(new RunTransition(null, queued));
        _telemetry.OnTransition(new RunTransition(RunState.Queued, queued with { State = RunState.Cancelled, EndedAt = run.EndedAt }));
        await Task.Yield();
        _tracing.ForceFlush();
        _meters.ForceFlush();

        Assert.DoesNotContain(_activities, a => a.GetTagItem(DashboardTelemetry.RunIdAttribute) is 70L);
        Assert.Empty(Sums(DashboardTelemetry.TasksEndedInstrument, DashboardTelemetry.TaskStatusAttribute));
        Assert.Equal(0, Sums(DashboardTelemetry.ActiveRunsInstrument, DashboardTelemetry.StateAttribute)["queued"]);
        Assert.Equal(1, Sums(DashboardTelemetry.RunTransitionsInstrument, DashboardTelemetry.StateAttribute)["cancelled"]);
    }

    [Fact]
    public async Task FailedRun_SpanStatusError_WithTheRunsError()
    {
        var run = ExportTestRuns.Mixed() with { Id = 71, State = RunState.Failed, Error = "worker crashed" };

        await PlayAsync(run);
        _tracing.ForceFlush();

        var span = Assert.Single(_activities, a => a.GetTagItem(DashboardTelemetry.RunIdAttribute) is 71L);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("worker crashed", span.StatusDescription);
    }

    /// <summary>What the queue tells its observers about a run that ran to <paramref name="final"/>'s state.</summary>
    private async Task PlayAsync(RunSummary final, int? reported = null)
    {
        var queued = final with { State = RunState.Queued, QueuePosition = 1, StartedAt = null, EndedAt = null, Results = [] };
        _telemetry.OnTransition(new RunTransition(null, queued));
        var running = queued with { State = RunState.Running, QueuePosition = null, StartedAt = final.StartedAt };
        _telemetry.OnTransition(new RunTransition(RunState.Queued, running));
        for (var i = 0; i < (reported ?? final.Results.Count); i++)
        {
            await _telemetry.OnRepetitionFinishedAsync(running with { Results = final.Results.Take(i + 1).ToList() }, i, CancellationToken.None);
        }

        await _telemetry.OnRunEndedAsync(new CompletedRun(final, null, [], "", RunEnvironment.Capture("http://127.0.0.1/sim/")), CancellationToken.None);
    }

    /// <summary>The last exported value of a sum instrument, summed per value of one tag.</summary>
    private Dictionary<string, long> Sums(string instrument, string tag)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        var metric = _metrics.LastOrDefault(m => m.Name == instrument);
        if (metric is null)
        {
            return sums;
        }

        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var item in point.Tags)
            {
                if (item.Key == tag)
                {
                    var key = (string)item.Value!;
                    sums[key] = sums.GetValueOrDefault(key) + point.GetSumLong();
                }
            }
        }

        return sums;
    }
}
