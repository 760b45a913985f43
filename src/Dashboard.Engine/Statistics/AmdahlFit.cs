namespace Dashboard.Engine.Statistics;

/// <summary>
/// Amdahl's law fitted to measured speedups: speedup(n) = 1 / (f + (1 - f) / n), where f is the
/// serial fraction (the share of the work that n workers cannot split). <see cref="Fit"/> finds the
/// f in [0, 1] with the least sum of squared differences between the model and the measured
/// speedups (least squares on the speedups themselves, not on their inverses, so every point
/// counts in the units the charts show).
/// </summary>
/// <param name="SerialFraction">f, between 0 and 1.</param>
/// <param name="SpeedupLimit">1 / f: the speedup no number of workers can pass; null when f is negligible
/// (below <see cref="NegligibleSerialFraction"/>: no limit in sight).</param>
/// <param name="R2">Coefficient of determination of the fit on the speedups: 1 - SSres / SStot (1 = every point on the curve;
/// it can fall below 0 when the curve explains less than a flat line would).</param>
public sealed record AmdahlFit(double SerialFraction, double? SpeedupLimit, double R2)
{
    /// <summary>A serial fraction below this is "about 0": the fit sees no limit.</summary>
    public const double NegligibleSerialFraction = 0.001;

    // Golden-section search tolerance on f: far below any figure shown (f is shown to 3 places).
    private const double Tolerance = 1e-10;

    // The coarse scan before the golden-section search, so a rare second dip cannot trap it.
    private const int ScanSteps = 200;

    /// <summary>The fitted model's speedup at <paramref name="workers"/>.</summary>
    public double SpeedupAt(double workers) => Model(SerialFraction, workers);

    /// <summary>
    /// The least-squares fit of <paramref name="points"/> (size n >= 1, measured speedup > 0), or null
    /// with fewer than 2 usable points or no size above 1 (a curve needs to bend somewhere).
    /// </summary>
    public static AmdahlFit? Fit(IReadOnlyList<(double Size, double Speedup)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var usable = points
            .Where(p => double.IsFinite(p.Size) && double.IsFinite(p.Speedup) && p.Size >= 1 && p.Speedup > 0)
            .ToArray();
        if (usable.Length < 2 || !usable.Any(p => p.Size > 1))
        {
            return null;
        }

        double Sse(double f) => usable.Sum(p => Square(p.Speedup - Model(f, p.Size)));

        // Scan, then narrow the best bracket by golden sections.
        var best = 0;
        var bestSse = double.MaxValue;
        for (var i = 0; i <= ScanSteps; i++)
        {
            var sse = Sse(i / (double)ScanSteps);
            if (sse < bestSse)
            {
                (best, bestSse) = (i, sse);
            }
        }

        var low = Math.Max(0, best - 1) / (double)ScanSteps;
        var high = Math.Min(ScanSteps, best + 1) / (double)ScanSteps;
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = high - ratio * (high - low);
        var b = low + ratio * (high - low);
        var sa = Sse(a);
        var sb = Sse(b);
        while (high - low > Tolerance)
        {
            if (sa < sb)
            {
                (high, b, sb) = (b, a, sa);
                a = high - ratio * (high - low);
                sa = Sse(a);
            }
            else
            {
                (low, a, sa) = (a, b, sb);
                b = low + ratio * (high - low);
                sb = Sse(b);
            }
        }

        var fitted = (low + high) / 2;
        if (Sse(0) <= Sse(fitted))
        {
            fitted = 0;
        }
        else if (Sse(1) <= Sse(fitted))
        {
            fitted = 1;
        }

        var residual = Sse(fitted);
        var mean = usable.Average(p => p.Speedup);
        var total = usable.Sum(p => Square(p.Speedup - mean));
        var r2 = total < 1e-12 ? (residual < 1e-12 ? 1 : 0) : 1 - residual / total;
        return new AmdahlFit(fitted, fitted < NegligibleSerialFraction ? null : 1 / fitted, r2);
    }

    private static double Model(double f, double n) => 1 / (f + (1 - f) / n);

    private static double Square(double x) => x * x;
}
