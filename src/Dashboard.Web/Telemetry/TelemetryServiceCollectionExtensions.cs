using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Standard OpenTelemetry setting: the OTLP endpoint; telemetry is exported only when it is set.</summary>
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Standard OpenTelemetry setting that overrides <see cref="DashboardTelemetry.DefaultServiceName"/>.</summary>
    public const string ServiceNameSetting = "OTEL_SERVICE_NAME";

    /// <summary>
    /// The runs' metrics and spans (<see cref="RunTelemetry"/>, an <see cref="IRunObserver"/>) always;
    /// and, when OTEL_EXPORTER_OTLP_ENDPOINT is set (environment or configuration), the OpenTelemetry
    /// SDK with ASP.NET Core, SignalR, Blazor, HttpClient, EF Core and runtime instrumentation,
    /// exported over OTLP (OTEL_EXPORTER_OTLP_PROTOCOL, headers, intervals: the standard
    /// OTEL_* settings). Without an endpoint no SDK, no listener and no exporter is registered.
    /// </summary>
    public static IServiceCollection AddDashboardTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.TryAddSingleton<RunTelemetry>();
        services.AddSingleton<IRunObserver>(sp => sp.GetRequiredService<RunTelemetry>());

        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting]))
        {
            return services;
        }

        var serviceName = configuration[ServiceNameSetting] is { Length: > 0 } name ? name : DashboardTelemetry.DefaultServiceName;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(DashboardTelemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(DashboardTelemetry.RunsName)
                .AddSource([.. DashboardTelemetry.FrameworkSources])
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(DashboardTelemetry.RunsName)
                .AddMeter([.. DashboardTelemetry.FrameworkMeters])
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter());
        return services;
    }
}
