using Dashboard.Engine.Cluster;
using Dashboard.Engine.Running;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Dashboard.Web.Runs.Host;

namespace Dashboard.Web.Runs.Execution;

public static class LabEngineExtensions
{
    /// <summary>
    /// The engine (<see cref="ILabRunner"/> = <see cref="LabRunner"/>) with options from section "Lab";
    /// its structured log lines go to the "Dashboard.Engine" logger. TryAdd: a test may register its own.
    /// </summary>
    public static IServiceCollection AddLabEngine(this IServiceCollection services)
    {
        services.AddOptions<LabEngineOptions>()
            .BindConfiguration(LabEngineOptions.SectionName)
            .Validate(o => o.GracePeriodMs is >= 0 and <= 60_000, "Lab:GracePeriodMs must be between 0 and 60000.")
            .Validate(o => o.CounterIntervalMs is 0 or (>= 10 and <= 1_000), "Lab:CounterIntervalMs must be 0 (off) or between 10 and 1000.")
            .Validate(o => o.RequestTimeoutMs is >= 1 and <= 600_000, "Lab:RequestTimeoutMs must be between 1 and 600000.")
            .Validate(o => string.IsNullOrWhiteSpace(o.TargetBaseUrl) || Uri.TryCreate(o.TargetBaseUrl, UriKind.Absolute, out _),
                "Lab:TargetBaseUrl must be an absolute URL such as http://127.0.0.1:5000/sim/.")
            .ValidateOnStart();
        services.AddOptions<RealTargetsOptions>()
            .BindConfiguration(RealTargetsOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RealTargetsOptions>, RealTargetsOptionsValidator>());
        services.TryAddSingleton<ILabRunner>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LabEngineOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.Engine");
            return new LabRunner(new LabRunnerOptions
            {
                BackgroundPriority = options.BackgroundPriority,
                GracePeriod = TimeSpan.FromMilliseconds(options.GracePeriodMs),
                CounterInterval = options.CounterIntervalMs == 0 ? null : TimeSpan.FromMilliseconds(options.CounterIntervalMs),
                RequestTimeout = TimeSpan.FromMilliseconds(options.RequestTimeoutMs),
                WorkerPath = string.IsNullOrWhiteSpace(options.WorkerPath) ? null : options.WorkerPath,
                PythonPath = string.IsNullOrWhiteSpace(options.PythonPath) ? null : options.PythonPath,
                Cluster = sp.GetService<ITaskCluster>(),
#pragma warning disable CA2254 // The engine hands us its own constant message templates.
                Log = (level, template, args) => logger.Log(ToLogLevel(level), template, args),
#pragma warning restore CA2254
            });
        });
        services.TryAddSingleton<RuntimeAvailability>();
        return services;
    }

    private static LogLevel ToLogLevel(EngineLogLevel level) => level switch
    {
        EngineLogLevel.Information => LogLevel.Information,
        EngineLogLevel.Warning => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
