using Microsoft.Extensions.Options;

namespace Dashboard.Web.Simulation;

/// <summary>Rejects out-of-range defaults in configuration at start-up, naming the knob.</summary>
public sealed class SimulationOptionsValidator : IValidateOptions<SimulationOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulationOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.SelectMany(e => e.Value.Select(m => $"{SimulationOptions.SectionName}: {m}")));
    }
}
