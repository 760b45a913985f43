using System.Globalization;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// How many times faster a candidate is than a baseline (sequential): the ratio of median wall
/// times R = median(baseline) / median(candidate), the same medians every page, export and the
/// bench show. Its error is propagated to first order from each side's relative standard error:
/// σ_R / R = √((SE_b / mean_b)² + (SE_c / mean_c)²), where SE = s / √n. (The relative spread of
/// a median is of the same order as that of the mean for the near-normal wall times of repeated
/// runs; this keeps the error a plain, documented approximation rather than a bootstrap.) <see cref="Error"/> is that σ_R (one standard error, not a 95% interval); it is null
/// when either side has a single repetition, since then there is no spread to propagate.
/// </summary>
/// <param name="Ratio">median(baseline) / median(candidate); above 1 means the candidate is faster.</param>
/// <param name="Error">One standard error of <see cref="Ratio"/>, or null with fewer than 2 repetitions on either side.</param>
/// <param name="RelativeError">σ_R / R, or null.</param>
public sealed record Speedup(double Ratio, double? Error, double? RelativeError)
{
    /// <summary>The speedup of <paramref name="candidate"/> against <paramref name="baseline"/>, or null when a median is 0.</summary>
    public static Speedup? Of(SampleStatistics baseline, SampleStatistics candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Median <= 0 || candidate.Median <= 0 || baseline.Mean <= 0 || candidate.Mean <= 0)
        {
            return null;
        }

        var ratio = baseline.Median / candidate.Median;
        if (baseline.StandardError is not { } seB || candidate.StandardError is not { } seC)
        {
            return new Speedup(ratio, null, null);
        }

        var relB = seB / baseline.Mean;
        var relC = seC / candidate.Mean;
        var relative = Math.Sqrt((relB * relB) + (relC * relC));
        return new Speedup(ratio, ratio * relative, relative);
    }

    /// <summary>
    /// "12.3 ± 0.8 times faster", or "2.10 ± 0.15 times slower" below 1 (the inverse ratio, with
    /// the same relative error), without the ± part when there is no error.
    /// </summary>
    public override string ToString()
    {
        var faster = Ratio >= 1;
        var value = faster ? Ratio : 1 / Ratio;
        var format = value < 10 ? "0.00" : value < 100 ? "0.0" : "0";
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        if (RelativeError is { } rel)
        {
            text += " ± " + (value * rel).ToString(format, CultureInfo.InvariantCulture);
        }

        return text + (faster ? " times faster" : " times slower");
    }
}
