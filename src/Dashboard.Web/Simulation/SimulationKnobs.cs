using Microsoft.Extensions.Options;

namespace Dashboard.Web.Simulation;

/// <summary>
/// The live knobs of the simulated targets (a singleton). Requests read <see cref="Current"/>, an
/// immutable snapshot swapped atomically, so the hot path takes no lock and a change applies to
/// the next request.
/// </summary>
public sealed class SimulationKnobs(IOptions<SimulationOptions> defaults, ILogger<SimulationKnobs> logger)
{
    private SimulationOptions _current = defaults.Value;

    /// <summary>The configured defaults (the "Simulation" section).</summary>
    public SimulationOptions Defaults { get; } = defaults.Value;

    /// <summary>The knobs in force now.</summary>
    public SimulationOptions Current => Volatile.Read(ref _current);

    /// <summary>
    /// Atomically replaces the knobs with <paramref name="change"/>(current); throws
    /// <see cref="InvalidKnobsException"/> and keeps the current knobs when the result is out of range.
    /// </summary>
    public SimulationOptions Update(Func<SimulationOptions, SimulationOptions> change)
    {
        while (true)
        {
            var before = Current;
            var after = change(before);
            var errors = after.Validate();
            if (errors.Count > 0)
            {
                throw new InvalidKnobsException(errors);
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, after, before), before))
            {
                logger.LogInformation("Simulation knobs changed to {Knobs}", after);
                return after;
            }
        }
    }

    /// <summary>Replaces every knob with <paramref name="knobs"/> (validated).</summary>
    public SimulationOptions Set(SimulationOptions knobs) => Update(_ => knobs);

    /// <summary>Goes back to the configured defaults.</summary>
    public SimulationOptions Reset() => Set(Defaults);
}
