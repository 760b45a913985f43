namespace Dashboard.Engine.Statistics;

/// <summary>One strategy measured in two runs (e.g. two machines or settings) and how they compare.</summary>
/// <param name="Ratio">median(baseline run) / median(other run): above 1 means the other run was faster; ± as in <see cref="Speedup"/>.</param>
/// <param name="Test">Welch's t-test of the two runs' wall times; not applicable with a single repetition on either side.</param>
public sealed record StrategyComparison(
    string Strategy,
    SampleStatistics Baseline,
    SampleStatistics Other,
    Speedup? Ratio,
    WelchTest Test);
