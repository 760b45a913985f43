namespace Dashboard.Engine.Statistics;

/// <summary>One size of a sweep.</summary>
/// <param name="Key">The point's strategy key (<see cref="Strategies.StrategySizes.Key"/>).</param>
/// <param name="MedianSeconds">Median wall time; null when no repetition was measured.</param>
/// <param name="Speedup">Against the curve's baseline; null without one.</param>
public sealed record ScalingPoint(string Key, int Size, double? MedianSeconds, Speedup? Speedup);
