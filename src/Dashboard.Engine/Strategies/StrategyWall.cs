namespace Dashboard.Engine.Strategies;

/// <summary>One strategy repetition's estimated wall time (<see cref="StrategyCost.Wall"/>).</summary>
/// <param name="Key">The result key it prices.</param>
/// <param name="Seconds">Its estimated wall time per repetition.</param>
/// <param name="Lanes">How many of its tasks wait at once.</param>
/// <param name="Shape">How the estimate was reached, in words: "10,000 tasks at once, about one wait".</param>
public sealed record StrategyWall(string Key, double Seconds, int Lanes, string Shape)
{
    /// <summary>How many cores its CPU work is shared over (1 for async and GIL-bound twins).</summary>
    public int CpuLanes { get; init; } = 1;

    /// <summary>How many waits it takes one after another: the tasks over <see cref="Lanes"/>, rounded up.</summary>
    public int Rounds { get; init; } = 1;
}
