using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Host;

namespace Dashboard.Web.Runs.Lifecycle;

public static class RunServiceExtensions
{
    /// <summary>
    /// How long the host waits for hosted services to stop: the engine's cancel (workers killed)
    /// plus storing the interrupted run (<see cref="RunService.HandlerTimeout"/>) fit in it.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The run queue (<see cref="IRunQueue"/>), the live feed (<see cref="IRunFeed"/>), the
    /// background <see cref="RunService"/> and the data folder (the hub that streams the feed registers
    /// itself: <c>AddRunHub</c>).
    /// Every run is weighed by <see cref="RunBudget"/> (it reads the simulated targets' knobs, so
    /// the host also calls AddSimulatedTargets). Options: section "Runs" (<see cref="RunServiceOptions"/>), validated at start-up.
    /// Also registers the engine (<see cref="LabEngineExtensions.AddLabEngine"/>) unless one is registered.
    /// </summary>
    public static IServiceCollection AddRunService(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RunServiceOptions>()
            .BindConfiguration(RunServiceOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunServiceOptions>, ValidateRunServiceOptions>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataFolder>();
        services.AddRunOutputs();
        services.TryAddSingleton<LabTargetAddress>();
        services.TryAddSingleton<RunEnvironmentSource>();
        services.TryAddSingleton<CpuCalibrationCache>();
        services.TryAddSingleton<RunBudget>();
        services.TryAddSingleton<RunQueue>();
        services.TryAddSingleton<IRunQueue>(sp => sp.GetRequiredService<RunQueue>());
        services.TryAddSingleton<RunFeed>();
        services.TryAddSingleton<IRunFeed>(sp => sp.GetRequiredService<RunFeed>());
        services.AddLabEngine();
        services.AddHostedService<RunService>();

        // On SIGTERM the running run is cancelled, its workers killed and the run stored as
        // interrupted with what it has; that must fit in the host's stop (a container's stop grace
        // period must be longer still).
        services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        return services;
    }

    /// <summary>
    /// Where runs' outputs go (<see cref="RunOutputLocations"/>: disk under the data folder, or memory
    /// under section "Dashboard:MemoryOutputs", validated at start). The run service and the storage
    /// (which deletes output folders with their runs) both call it; once is enough.
    /// </summary>
    public static IServiceCollection AddRunOutputs(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RunOutputLocations)))
        {
            return services;
        }

        services.AddOptions<MemoryOutputsOptions>()
            .BindConfiguration(MemoryOutputsOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MemoryOutputsOptions>, ValidateMemoryOutputsOptions>());
        services.TryAddSingleton<DataFolder>();
        services.TryAddSingleton<RunOutputLocations>();
        return services;
    }
}
