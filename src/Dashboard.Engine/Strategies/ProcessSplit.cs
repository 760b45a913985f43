namespace Dashboard.Engine.Strategies;

/// <summary>How the process strategies hand tasks to their worker processes.</summary>
public static class ProcessSplit
{
    /// <summary>
    /// Workers pull tasks from the parent one at a time (async workers: up to their cap, or an
    /// even share, in flight), like Python's ProcessPoolExecutor: a worker that gets less CPU
    /// simply takes fewer tasks. The default.
    /// </summary>
    public const string Pull = "pull";

    /// <summary>
    /// Each worker gets a fixed contiguous share up front (shares differ by at most one task):
    /// shows what fixed shares cost when one worker gets less CPU than another.
    /// </summary>
    public const string Contiguous = "contiguous";

    /// <summary>Every split, as the API and the bench spell them.</summary>
    public static IReadOnlyList<string> All { get; } = [Pull, Contiguous];
}
