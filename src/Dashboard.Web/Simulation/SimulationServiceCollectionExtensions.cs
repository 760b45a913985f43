using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Simulation;

/// <summary>Registers the simulated targets; map them with <see cref="SimulatedTargetEndpoints.MapSimulatedTargets"/>.</summary>
public static class SimulationServiceCollectionExtensions
{
    public static IServiceCollection AddSimulatedTargets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulationOptions>()
            .Bind(configuration.GetSection(SimulationOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulationOptions>, SimulationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SimulationKnobs>();
        services.TryAddSingleton<SimulationRateLimiter>();
        services.TryAddSingleton<WikiPageRenderer>();
        services.TryAddSingleton<LabCapabilities>();
        return services;
    }
}
