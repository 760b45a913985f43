namespace Dashboard.Web.Bench;

/// <summary>One size of a sweep in the bench's JSON: the strategy id, its size and the median wall time.</summary>
/// <param name="MedianSeconds">Median wall time; null when no repetition was measured.</param>
public sealed record BenchSweepPoint(string Strategy, int Size, double? MedianSeconds);
