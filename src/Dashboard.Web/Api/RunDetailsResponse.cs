using System.Text.Json;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Api;

/// <summary>GET /api/runs/{id}: the run, its per-strategy statistics and its repetitions.</summary>
/// <param name="State">queued, running, completed, failed, cancelled, interrupted or timedOut.</param>
/// <param name="Parameters">The workload parameters as the exports write them (with "workload").</param>
/// <param name="Options">Strategy knobs that were set (threadPoolSize, asyncCap, parallelDegree, processCount).</param>
/// <param name="EventsSampled">True when the stored timeline is an even sample of <paramref name="TotalEvents"/> spans.</param>
/// <param name="Statistics">Per strategy over measured repetitions; exact even when the timeline is sampled.</param>
public sealed record RunDetailsResponse(
    long Id,
    string? Label,
    string Workload,
    string State,
    int? QueuePosition,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? Error,
    JsonElement Parameters,
    IReadOnlyList<string> Strategies,
    int Repeat,
    int Warmup,
    JsonElement Options,
    bool EventsSampled,
    int StoredEvents,
    int TotalEvents,
    bool Imported,
    RunEnvironment? Environment,
    IReadOnlyList<StrategyStatistics> Statistics,
    IReadOnlyList<StrategyResultResponse> Results)
{
    /// <summary>The sweep's sizes (<see cref="Engine.Running.RunPlan.Sweep"/>); null without one.</summary>
    public IReadOnlyList<int>? Sweep { get; init; }

    /// <summary>Each swept strategy's points and Amdahl fit (<see cref="ScalingSweep"/>); empty without a sweep.</summary>
    public IReadOnlyList<ScalingCurve> Scaling { get; init; } = [];

    /// <summary>
    /// The Engine's findings on the run so far, ranked (<see cref="Engine.Findings.FindingCatalog"/>): each
    /// <c>{id, severity, strategy, runtime, figures, text}</c>; why and what to do: the app's /warnings page.
    /// </summary>
    public IReadOnlyList<Engine.Findings.Finding> Warnings { get; init; } = [];
}
