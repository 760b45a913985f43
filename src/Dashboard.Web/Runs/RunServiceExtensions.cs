using Dashboard.Web.Hubs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Runs;

public static class RunServiceExtensions
{
    /// <summary>
    /// The run queue (<see cref="IRunQueue"/>), the live feed (<see cref="IRunFeed"/>), the
    /// background <see cref="RunService"/>, the data folder and SignalR for <see cref="RunHub"/>.
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
        services.TryAddSingleton<LabTargetAddress>();
        services.TryAddSingleton<RunBudget>();
        services.TryAddSingleton<RunQueue>();
        services.TryAddSingleton<IRunQueue>(sp => sp.GetRequiredService<RunQueue>());
        services.TryAddSingleton<RunFeed>();
        services.TryAddSingleton<IRunFeed>(sp => sp.GetRequiredService<RunFeed>());
        services.AddLabEngine();
        services.AddHostedService<RunService>();
        services.AddRunHub();
        return services;
    }
}
