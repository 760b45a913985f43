using Dashboard.Web.Runs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Storage;

public static class RunPersistenceExtensions
{
    /// <summary>
    /// Connects the run service to the store: finished runs are stored (<see cref="IRunCompletedHandler"/>),
    /// queued runs are recorded (the <see cref="IRunQueue"/> everyone resolves records them),
    /// ids continue above the stored ones after a restart; <see cref="RunHistory"/> shows live and
    /// stored runs as one list (for the History page and the API). Needs <c>AddRunService</c> and
    /// <see cref="StorageServiceCollectionExtensions.AddDashboardStorage"/>, in any order.
    /// </summary>
    public static IServiceCollection AddRunPersistence(this IServiceCollection services)
    {
        services.TryAddSingleton<RunEnvironmentSource>();
        services.TryAddSingleton<RunHistory>();
        services.AddSingleton<RunStateRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<RunStateRecorder>());
        services.AddSingleton<IRunCompletedHandler, PersistRunOnCompletion>();
        services.AddHostedService<RunPersistenceStartup>();
        services.RemoveAll<IRunQueue>();
        services.AddSingleton<IRunQueue>(sp => new PersistingRunQueue(sp.GetRequiredService<RunQueue>(), sp.GetRequiredService<RunStateRecorder>()));
        return services;
    }
}
