using Microsoft.Extensions.Options;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>Refuses out-of-range "Runs" settings at start-up with a message naming the setting.</summary>
public sealed class ValidateRunServiceOptions : IValidateOptions<RunServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, RunServiceOptions options)
    {
        var errors = new List<string>();
        Range(errors, nameof(options.QueueCapacity), options.QueueCapacity, 1, 1_000);
        Range(errors, nameof(options.KeepFinished), options.KeepFinished, 1, 10_000);
        Range(errors, nameof(options.KeepFinishedEvents), options.KeepFinishedEvents, 0, 1_000);
        Range(errors, nameof(options.BatchIntervalMs), options.BatchIntervalMs, 10, 5_000);
        Range(errors, nameof(options.MaxEventsPerRun), options.MaxEventsPerRun, 1_000, 50_000_000);
        Range(errors, nameof(options.MaxTasksPerRun), options.MaxTasksPerRun, 1, 1_000_000);
        Range(errors, nameof(options.AggregateAbove), options.AggregateAbove, 100, 100_000);
        Range(errors, nameof(options.LoggedFailuresPerStrategy), options.LoggedFailuresPerStrategy, 0, 1_000);
        if (options.MaxRunSeconds <= 0)
        {
            errors.Add($"{RunServiceOptions.SectionName}:{nameof(options.MaxRunSeconds)} is {options.MaxRunSeconds}; it must be a positive number of seconds.");
        }

        Range(errors, nameof(options.MaxRunWallSeconds), options.MaxRunWallSeconds, 1, 7 * 24 * 3_600);
        if (options.KeepFinishedEvents > options.KeepFinished)
        {
            errors.Add($"{RunServiceOptions.SectionName}:KeepFinishedEvents ({options.KeepFinishedEvents}) must not exceed KeepFinished ({options.KeepFinished}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{RunServiceOptions.SectionName}:{setting} is {value}; it must be between {min} and {max}.");
        }
    }
}
