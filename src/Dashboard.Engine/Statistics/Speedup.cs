using System.Globalization;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// How many times faster a candidate is than a baseline (sequential): the ratio of mean wall
/// times R = mean(baseline) / mean(candidate), with its error propagated to first order. For a
/// ratio of independent means the relative errors add in quadrature:
/// σ_R / R = √((SE_b / mean_b)² + (SE_c / mean_c)²), where SE = s / √n is each mean's standard
/// error. <see cref="Error"/> is that σ_R (one standard error, not a 95% interval); it is null
/// when either side has a single repetition, since then there is no spread to propagate.
/// </summary>
/// <param name="Ratio">mean(baseline) / mean(candidate); above 1 means the candidate is faster.</param>
/// <param name="Error">One standard error of <see cref="Ratio"/>, or null with fewer than 2 repetitions on either side.</param>
/// <param name="RelativeError">σ_R / R, or null.</param>
public sealed record Speedup(double Ratio, double? Error, double? RelativeError)
{
    /// <summary>The speedup of <paramref name="candidate"/> against <paramref name="baseline"/>, or null when a mean is 0.</summary>
    public static Speedup? Of(SampleStatistics baseline, SampleStatistics candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Mean <= 0 || candidate.Mean <= 0)
        {
            return null;
        }

        var ratio = baseline.Mean / candidate.Mean;
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
