namespace Dashboard.Engine.Statistics;

/// <summary>
/// The least wall time a strategy could have taken on this run's work, and how close it came.
/// </summary>
/// <param name="LimitSeconds">The bound in seconds.</param>
/// <param name="OfLimit">Limit / the strategy's median wall time: 1 = at the limit; null without a median.</param>
/// <param name="Bound"><see cref="StrategyLimits.LatencyBound"/> or <see cref="StrategyLimits.CpuBound"/>.</param>
/// <param name="Lanes">Tasks the strategy can have going at once (its concurrency) that the bound assumes.</param>
/// <param name="Basis">How the bound was worked out, in words ("8 waves of 0.100 s", "1.32 s of CPU over x1.90 (calibrated)").</param>
public sealed record StrategyLimit(string Strategy, double LimitSeconds, double? OfLimit, string Bound, int Lanes, string Basis);
