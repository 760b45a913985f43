using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Api;

public static class RunsApiServiceCollectionExtensions
{
    /// <summary>
    /// What <see cref="RunsApi.MapRunsApi"/> needs: the run history, problem details, the OpenAPI
    /// document, and the <see cref="RunDetailsCache"/> (call after the store is registered, so its
    /// writes can invalidate the cache; without a store nothing is cached).
    /// </summary>
    public static IServiceCollection AddRunsApi(this IServiceCollection services)
    {
        services.TryAddSingleton<RunHistory>();
        services.TryAddSingleton<TaskWindowReader>();
        if (!services.Any(d => d.ServiceType == typeof(Explain.RunAnalysisCache)))
        {
            services.AddSingleton<Explain.RunAnalysisCache>();
            services.AddSingleton<IRunStoreListener>(sp => sp.GetRequiredService<Explain.RunAnalysisCache>());
        }

        services.AddOptions<ApiLimitsOptions>().BindConfiguration(ApiLimitsOptions.SectionName)
            .Validate(o => o.MaxRunRequestBytes is >= 1024 and <= 1024 * 1024,
                "Api:MaxRunRequestBytes must be between 1024 and 1048576.")
            .Validate(o => o.MaxImportBytes is >= 64 * 1024 and <= 1024L * 1024 * 1024,
                "Api:MaxImportBytes must be between 65536 and 1073741824.")
            .ValidateOnStart();
        if (!services.Any(d => d.ServiceType == typeof(RunDetailsCache)))
        {
            services.AddSingleton<RunDetailsCache>();
            services.AddSingleton<IRunStoreListener>(sp => sp.GetRequiredService<RunDetailsCache>());
        }

        services.AddProblemDetails();
        services.AddOpenApi();
        return services;
    }
}
