namespace Dashboard.Engine.Statistics;

/// <summary>One sized strategy's sweep.</summary>
/// <param name="Strategy">The strategy id ("threadpool").</param>
/// <param name="Baseline"><see cref="ScalingSweep.SizeOneBaseline"/>, <see cref="ScalingSweep.SequentialBaseline"/>, or null (no speedups).</param>
/// <param name="Points">Smallest size first.</param>
/// <param name="Fit">Amdahl's law fitted to the speedups; null with fewer than 2 speedups.</param>
public sealed record ScalingCurve(string Strategy, string? Baseline, IReadOnlyList<ScalingPoint> Points, AmdahlFit? Fit);
