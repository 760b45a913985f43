namespace Dashboard.Engine.Strategies;

/// <summary>
/// A strategy's Python twin: the tutorial's own library call, run by the twins' runner
/// (src/twins/python) under the strategy's id.
/// </summary>
public sealed record PythonTwin
{
    /// <summary>Its display name ("Python thread pool").</summary>
    public required string Name { get; init; }

    /// <summary>One line on what it does with these knobs ("ThreadPoolExecutor with 6 workers.").</summary>
    public required Func<StrategyOptions, string> Hint { get; init; }

    /// <summary>True when CPython runs its CPU work one thread at a time (the GIL): its CPU limit is one lane.</summary>
    public bool GilBound { get; init; }
}
