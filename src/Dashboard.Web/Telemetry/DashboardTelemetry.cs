using System.Diagnostics;

namespace Dashboard.Web.Telemetry;

/// <summary>
/// The names the dashboard's own telemetry goes by: the service, our ActivitySource and Meter,
/// the instruments and their attributes. One place, so the observer, the OTLP export, the docs
/// and the tests agree.
/// </summary>
public static class DashboardTelemetry
{
    /// <summary>service.name unless OTEL_SERVICE_NAME says otherwise.</summary>
    public const string DefaultServiceName = "concurrency-dashboard";

    /// <summary>Name of both our ActivitySource and our Meter.</summary>
    public const string RunsName = "Dashboard.Runs";

    /// <summary>Counter: state changes of runs, tagged <see cref="StateAttribute"/> (queued, running, completed, ...).</summary>
    public const string RunTransitionsInstrument = "dashboard.runs.transitions";

    /// <summary>UpDownCounter: runs queued or running right now, tagged <see cref="StateAttribute"/>.</summary>
    public const string ActiveRunsInstrument = "dashboard.runs.active";

    /// <summary>Counter: task end events, tagged <see cref="StrategyAttribute"/> and <see cref="TaskStatusAttribute"/>; rates come from it.</summary>
    public const string TasksEndedInstrument = "dashboard.tasks.ended";

    /// <summary>Histogram: seconds from a run's start to its end.</summary>
    public const string RunDurationInstrument = "dashboard.run.duration";

    public const string RunIdAttribute = "dashboard.run.id";
    public const string StateAttribute = "dashboard.run.state";
    public const string WorkloadAttribute = "dashboard.run.workload";
    public const string LabelAttribute = "dashboard.run.label";
    public const string StrategiesAttribute = "dashboard.run.strategies";
    public const string RepetitionsAttribute = "dashboard.run.repetitions";
    public const string TasksOkAttribute = "dashboard.run.tasks_ok";
    public const string TasksFailedAttribute = "dashboard.run.tasks_failed";
    public const string StrategyAttribute = "dashboard.strategy";
    public const string RepetitionAttribute = "dashboard.repetition";
    public const string TaskIndexAttribute = "dashboard.task.index";
    public const string LaneAttribute = "dashboard.task.lane";
    public const string TaskStatusAttribute = "dashboard.task.status";
    public const string TaskDetailAttribute = "dashboard.task.detail";

    /// <summary>
    /// ASP.NET Core's own sources and meters that the OpenTelemetry instrumentation packages do not
    /// add by themselves: SignalR's hub invocations and Blazor Server's circuits and renders (.NET 9+).
    /// </summary>
    public static IReadOnlyList<string> FrameworkSources { get; } =
    [
        "Microsoft.AspNetCore.SignalR.Server",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
    ];

    /// <inheritdoc cref="FrameworkSources"/>
    public static IReadOnlyList<string> FrameworkMeters { get; } =
    [
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Lifecycle",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.EntityFrameworkCore",
    ];

    /// <summary>The span per run. Costs nothing while no listener (no exporter) is attached.</summary>
    internal static ActivitySource RunsSource { get; } = new(RunsName);
}
