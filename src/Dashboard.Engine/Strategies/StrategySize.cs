namespace Dashboard.Engine.Strategies;

/// <summary>How a strategy is sized (a scaling sweep varies it): the knob it reads and what one unit of it is.</summary>
/// <param name="Unit">What the size counts, as a sweep's table names it: "workers", "cap", "degree", "processes".</param>
public sealed record StrategySize(StrategyKnob Knob, string Unit)
{
    /// <summary>The largest size: the knob's bound.</summary>
    public int Max => Knob.Max;

    /// <summary><paramref name="options"/> with this size set.</summary>
    public StrategyOptions Apply(StrategyOptions options, int size) => Knob.With(options, size);
}
