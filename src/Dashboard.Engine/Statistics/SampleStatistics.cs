using System.Globalization;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// Descriptive statistics of one strategy's measured wall times (warmups already excluded).
/// Values that need two or more samples (standard deviation, standard error, confidence
/// interval, coefficient of variation) are null for a single sample rather than zero, so no
/// page can present a one-off measurement as exact.
/// </summary>
/// <param name="Count">n.</param>
/// <param name="StandardDeviation">Sample standard deviation (divides by n - 1).</param>
/// <param name="StandardError">s / √n.</param>
/// <param name="ConfidenceLow">Lower end of the 95% confidence interval of the mean: mean - t(0.975, n-1) · s/√n, with the
/// Student t quantile from Perfolizer's <see cref="StudentDistribution"/>.</param>
/// <param name="ConfidenceHigh">Upper end of the 95% confidence interval of the mean.</param>
/// <param name="CoefficientOfVariation">s / mean as a fraction (0.1 = 10%).</param>
/// <param name="MedianAbsoluteDeviation">median(|x - median|).</param>
/// <param name="Outliers">Samples flagged by the outlier rule (see <see cref="OutlierThreshold"/>), in input order.</param>
/// <param name="Warnings">Human sentences: too few repetitions (fewer than <see cref="MinRepetitions"/>), outliers, noisy result.</param>
public sealed record SampleStatistics(
    int Count,
    double Mean,
    double Median,
    double? StandardDeviation,
    double Min,
    double Max,
    double? StandardError,
    double? ConfidenceLow,
    double? ConfidenceHigh,
    double? CoefficientOfVariation,
    double MedianAbsoluteDeviation,
    IReadOnlyList<double> Outliers,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Confidence level of <see cref="ConfidenceLow"/>..<see cref="ConfidenceHigh"/>.</summary>
    public const double ConfidenceLevel = 0.95;

    /// <summary>
    /// Outlier rule (Iglewicz and Hoaglin's modified z-score): a sample x is an outlier when
    /// |x - median| / (1.4826 · MAD) &gt; 3.5. 1.4826 · MAD estimates the standard deviation of
    /// normal data, but unlike s it is not inflated by the outlier itself. When MAD is 0 (more
    /// than half of the samples are identical) the scale falls back to 1.2533 · mean absolute
    /// deviation from the median (the same estimator for normal data); if that is 0 too, every
    /// sample equals the median and none is an outlier. Needs at least 3 samples.
    /// </summary>
    public const double OutlierThreshold = 3.5;

    /// <summary>Scale factor from MAD to a normal standard deviation (1 / Φ⁻¹(0.75)).</summary>
    public const double MadScale = 1.4826;

    /// <summary>Scale factor from mean absolute deviation to a normal standard deviation (√(π/2)).</summary>
    public const double MeanAbsoluteDeviationScale = 1.2533;

    /// <summary>Fewest samples the outlier rule looks at.</summary>
    public const int MinSamplesForOutliers = 3;

    /// <summary>
    /// Noisy-result rule: the coefficient of variation s / mean is above 10%. Repeated wall
    /// times of the same work on a quiet machine typically vary by a few percent; above 10%
    /// something else (another process, thermal throttling, GC, the network) is in the numbers.
    /// </summary>
    public const double NoisyCoefficientOfVariation = 0.10;

    /// <summary>
    /// Fewest repetitions worth a confidence interval: with 2 the 95% interval is ±12.7 standard
    /// errors (t(0.975, 1) = 12.706), too wide to tell anything; fewer than this earns a warning.
    /// </summary>
    public const int MinRepetitions = 3;

    /// <summary>Most samples accepted (far above any plan's repetitions; keeps the sort cheap).</summary>
    public const int MaxSamples = 1_000_000;

    /// <summary>True when at least one sample is an outlier.</summary>
    public bool HasOutliers => Outliers.Count > 0;

    /// <summary>True when the coefficient of variation is above <see cref="NoisyCoefficientOfVariation"/>.</summary>
    public bool IsNoisy => CoefficientOfVariation > NoisyCoefficientOfVariation;

    /// <summary>Computes the statistics of <paramref name="samples"/> (at least one finite, non-negative value).</summary>
    /// <exception cref="ArgumentException">No samples, too many, or a sample that is negative, NaN or infinite.</exception>
    public static SampleStatistics Compute(IEnumerable<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var values = samples.ToArray();
        if (values.Length == 0)
        {
            throw new ArgumentException("Statistics need at least one sample.", nameof(samples));
        }

        if (values.Length > MaxSamples)
        {
            throw new ArgumentException($"At most {MaxSamples} samples are accepted, got {values.Length}.", nameof(samples));
        }

        foreach (var v in values)
        {
            if (!double.IsFinite(v) || v < 0)
            {
                throw new ArgumentException($"Samples are durations: finite and non-negative, got {v}.", nameof(samples));
            }
        }

        var n = values.Length;
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var mean = values.Average();
        var median = Quantiles.Median(sorted);
        var mad = Quantiles.Median(values.Select(v => Math.Abs(v - median)));

        double? sd = null, se = null, low = null, high = null, cv = null;
        if (n >= 2)
        {
            // Two-pass sum of squares: no cancellation for samples far from zero.
            var sumSquares = values.Sum(v => (v - mean) * (v - mean));
            var s = Math.Sqrt(sumSquares / (n - 1));
            var error = s / Math.Sqrt(n);
            var half = new StudentDistribution(n - 1).Quantile(0.5 + (ConfidenceLevel / 2)) * error;
            sd = s;
            se = error;
            low = mean - half;
            high = mean + half;
            cv = mean > 0 ? s / mean : null;
        }

        var outliers = FindOutliers(values, median, mad);
        var warnings = new List<string>();
        if (n == 1)
        {
            warnings.Add("Only 1 repetition: no spread, confidence interval or significance can be computed.");
        }
        else if (n < MinRepetitions)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Only {n} repetitions: the confidence interval is too wide to rely on; use at least {MinRepetitions}."));
        }

        if (outliers.Count > 0)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{outliers.Count} outlier(s) ({string.Join(", ", outliers.Select(o => o.ToString("0.####", CultureInfo.InvariantCulture)))} s) more than {OutlierThreshold} robust standard deviations from the median."));
        }

        if (cv > NoisyCoefficientOfVariation)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Noisy: the coefficient of variation is {cv.Value * 100:0.0}% (above {NoisyCoefficientOfVariation * 100:0}%)."));
        }

        return new SampleStatistics(n, mean, median, sd, sorted[0], sorted[^1], se, low, high, cv, mad, outliers, warnings);
    }

    /// <summary>The robust scale used by the outlier rule; 0 when every sample equals the median.</summary>
    internal static double RobustScale(IReadOnlyList<double> values, double median, double mad)
    {
        if (mad > 0)
        {
            return MadScale * mad;
        }

        return MeanAbsoluteDeviationScale * values.Average(v => Math.Abs(v - median));
    }

    private static List<double> FindOutliers(double[] values, double median, double mad)
    {
        var outliers = new List<double>();
        if (values.Length < MinSamplesForOutliers)
        {
            return outliers;
        }

        var scale = RobustScale(values, median, mad);
        if (scale <= 0)
        {
            return outliers;
        }

        foreach (var v in values)
        {
            if (Math.Abs(v - median) / scale > OutlierThreshold)
            {
                outliers.Add(v);
            }
        }

        return outliers;
    }
}
