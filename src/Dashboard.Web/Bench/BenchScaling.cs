namespace Dashboard.Web.Bench;

/// <summary>
/// Amdahl's law fitted to one swept strategy's speedups (<see cref="Engine.Statistics.AmdahlFit"/>).
/// </summary>
/// <param name="SerialFraction">f in speedup(n) = 1 / (f + (1 - f) / n).</param>
/// <param name="SpeedupLimit">1 / f; null when f is about 0 (no limit in sight).</param>
/// <param name="R2">Coefficient of determination of the fit on the speedups.</param>
/// <param name="Baseline">What the speedups are against: "size 1" (the strategy's own) or "sequential".</param>
public sealed record BenchScaling(string Strategy, double SerialFraction, double? SpeedupLimit, double R2, string Baseline);
