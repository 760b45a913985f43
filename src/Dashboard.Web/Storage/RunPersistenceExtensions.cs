using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Storage;

public static class RunPersistenceExtensions
{
    /// <summary>
    /// Connects the run service to the store without replacing anything of it: the store observes
    /// the queue (<see cref="RunStateRecorder"/> as an <see cref="IRunObserver"/>: queued and started
    /// runs, each finished repetition, the end of each run that ran with its events); gives the live
    /// feed the stored spans of a finished run (<see cref="IStoredResults"/>);
    /// ids continue above the stored ones after a restart, and output folders of runs the store no
    /// longer has are swept; <see cref="RunHistory"/> shows live and stored runs as one list (for the
    /// History page and the API). Needs <c>AddRunService</c> and
    /// <see cref="StorageServiceCollectionExtensions.AddDashboardStorage"/>, in any order.
    /// </summary>
    public static IServiceCollection AddRunPersistence(this IServiceCollection services)
    {
        services.TryAddSingleton<RunHistory>();
        services.TryAddSingleton<TaskWindowReader>();
        services.TryAddSingleton<RunTallyCache>();
        services.TryAddSingleton<RunOutputFolders>();
        services.AddSingleton<RunStateRecorder>();
        services.AddSingleton<IRunObserver>(sp => sp.GetRequiredService<RunStateRecorder>());
        services.TryAddSingleton<IStoredResults, StoredResults>();
        services.AddHostedService<RunPersistenceStartup>();
        return services;
    }
}
