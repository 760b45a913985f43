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
        if (!services.Any(d => d.ServiceType == typeof(RunDetailsCache)))
        {
            services.AddSingleton<RunDetailsCache>();
            RunDetailsCacheInvalidation.Decorate(services);
        }

        services.AddProblemDetails();
        services.AddOpenApi();
        return services;
    }
}
