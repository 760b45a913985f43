using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IRunStore"/> (telling every <see cref="IRunStoreListener"/> of its writes): SQLite in the data folder (<see cref="DataFolder"/>) unless "Storage:Provider" is
    /// "postgres". Configuration is read when the store is first resolved, so settings added by
    /// tests or the environment after registration still count.
    /// </summary>
    public static IServiceCollection AddDashboardStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, ValidateStorageOptions>();
        services.AddDbContextFactory<SqliteDashboardDbContext>((sp, builder) =>
            builder.UseSqlite(SqliteConnectionString(sp)));
        services.AddDbContextFactory<PostgresDashboardDbContext>((sp, builder) =>
            builder.UseNpgsql(sp.GetRequiredService<IConfiguration>().GetConnectionString(StorageOptions.ConnectionStringName)));
        services.AddSingleton<IDbContextFactory<DashboardDbContext>>(sp =>
            StorageProvider.IsPostgres(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider)
                ? new DbContextFactoryAdapter<PostgresDashboardDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresDashboardDbContext>>())
                : new DbContextFactoryAdapter<SqliteDashboardDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteDashboardDbContext>>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataFolder>();
        services.AddRunOutputs();
        services.TryAddSingleton<RunOutputFolders>();
        services.AddSingleton<RunStore>();
        services.TryAddSingleton<SharedStoredRuns>();
        services.AddSingleton<IRunStoreListener>(sp => sp.GetRequiredService<SharedStoredRuns>());
        services.AddSingleton<IRunStore>(sp => new ListenedRunStore(sp.GetRequiredService<RunStore>(), sp.GetServices<IRunStoreListener>()));
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    private static string SqliteConnectionString(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var configured = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var folder = services.GetRequiredService<DataFolder>().Root;
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, StorageOptions.SqliteFileName),
            Cache = SqliteCacheMode.Private,
        }.ToString();
    }
}
