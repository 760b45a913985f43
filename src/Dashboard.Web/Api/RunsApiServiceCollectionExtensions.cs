using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Api;

public static class RunsApiServiceCollectionExtensions
{
    /// <summary>What <see cref="RunsApi.MapRunsApi"/> needs: the run history, problem details, the OpenAPI document.</summary>
    public static IServiceCollection AddRunsApi(this IServiceCollection services)
    {
        services.TryAddSingleton<RunHistory>();
        services.AddProblemDetails();
        services.AddOpenApi();
        return services;
    }
}
