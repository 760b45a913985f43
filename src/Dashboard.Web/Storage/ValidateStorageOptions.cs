using Microsoft.Extensions.Options;

namespace Dashboard.Web.Storage;

/// <summary>Checks the "Storage" section at start so a typo fails loudly instead of storing nothing.</summary>
public sealed class ValidateStorageOptions(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!StorageProvider.IsSqlite(options.Provider) && !StorageProvider.IsPostgres(options.Provider))
        {
            failures.Add($"Storage:Provider must be 'sqlite' or 'postgres' (got '{options.Provider}').");
        }
        else if (StorageProvider.IsPostgres(options.Provider)
                 && string.IsNullOrWhiteSpace(configuration.GetConnectionString(StorageOptions.ConnectionStringName)))
        {
            failures.Add("Storage:Provider is 'postgres' but ConnectionStrings:Dashboard is empty.");
        }

        if (options.MaxRuns < 1 || options.MaxRuns > StorageOptions.MaxMaxRuns)
        {
            failures.Add($"Storage:MaxRuns must be between 1 and {StorageOptions.MaxMaxRuns:N0} (got {options.MaxRuns:N0}).");
        }

        if (options.MaxImportedRuns < 1 || options.MaxImportedRuns > StorageOptions.MaxMaxRuns)
        {
            failures.Add($"Storage:MaxImportedRuns must be between 1 and {StorageOptions.MaxMaxRuns:N0} (got {options.MaxImportedRuns:N0}).");
        }

        if (options.MaxEventsPerRun < StorageOptions.MinMaxEventsPerRun || options.MaxEventsPerRun > StorageOptions.MaxMaxEventsPerRun)
        {
            failures.Add($"Storage:MaxEventsPerRun must be between {StorageOptions.MinMaxEventsPerRun:N0} and {StorageOptions.MaxMaxEventsPerRun:N0} (got {options.MaxEventsPerRun:N0}).");
        }

        if (options.MaxStoredBytes < StorageOptions.MinMaxStoredBytes || options.MaxStoredBytes > StorageOptions.MaxMaxStoredBytes)
        {
            failures.Add($"Storage:MaxStoredBytes must be between {StorageOptions.MinMaxStoredBytes:N0} (1 MiB) and {StorageOptions.MaxMaxStoredBytes:N0} (1 TiB) (got {options.MaxStoredBytes:N0}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
