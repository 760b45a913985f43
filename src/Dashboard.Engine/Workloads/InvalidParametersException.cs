namespace Dashboard.Engine.Workloads;

/// <summary>Thrown when parameters fail validation; carries the messages per field.</summary>
public sealed class InvalidParametersException(IReadOnlyDictionary<string, string[]> errors)
    : ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>Throws when <paramref name="parameters"/> are not valid.</summary>
    public static void ThrowIfInvalid(WorkloadParameters parameters)
    {
        var errors = parameters.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidParametersException(errors);
        }
    }
}
