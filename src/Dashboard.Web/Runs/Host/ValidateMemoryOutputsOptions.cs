using Microsoft.Extensions.Options;

namespace Dashboard.Web.Runs.Host;

/// <summary>Checks <see cref="MemoryOutputsOptions"/> at start.</summary>
public sealed class ValidateMemoryOutputsOptions : IValidateOptions<MemoryOutputsOptions>
{
    public ValidateOptionsResult Validate(string? name, MemoryOutputsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory) || !Path.IsPathFullyQualified(options.Directory) ||
            options.Directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{MemoryOutputsOptions.SectionName}:{nameof(MemoryOutputsOptions.Directory)} must be an absolute folder path such as /dev/shm (got '{options.Directory}').");
        }

        if (options.MaxMb is < 1 or > MemoryOutputsOptions.MaxMaxMb)
        {
            failures.Add($"{MemoryOutputsOptions.SectionName}:{nameof(MemoryOutputsOptions.MaxMb)} must be between 1 and {MemoryOutputsOptions.MaxMaxMb:N0} (got {options.MaxMb}).");
        }

        if (options.ReserveMb is < 0 or > MemoryOutputsOptions.MaxReserveMb)
        {
            failures.Add($"{MemoryOutputsOptions.SectionName}:{nameof(MemoryOutputsOptions.ReserveMb)} must be between 0 and {MemoryOutputsOptions.MaxReserveMb:N0} (got {options.ReserveMb}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
