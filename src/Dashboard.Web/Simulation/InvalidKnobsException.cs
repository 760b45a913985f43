namespace Dashboard.Web.Simulation;

/// <summary>Thrown when knobs are out of range; carries the messages per camelCase knob name.</summary>
public sealed class InvalidKnobsException(IReadOnlyDictionary<string, string[]> errors)
    : ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
