namespace Dashboard.Engine.Workers;

/// <summary>What `python3 -m twins.runner --probe` reported: its version and the Debian packages it misses.</summary>
public sealed record PythonProbe(string? Python, string[] Missing)
{
    /// <summary>Null when the twins can run; else the missing piece named, as the Run page and the API say it.</summary>
    public string? Problem { get; init; }
}
