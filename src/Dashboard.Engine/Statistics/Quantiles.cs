using Perfolizer.Mathematics.QuantileEstimators;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// The one median and quantile rule of the dashboard: Hyndman and Fan's type 7 (linear between
/// the two nearest order statistics; R's default <c>quantile()</c>, NumPy's default), computed by
/// Perfolizer's <see cref="SimpleQuantileEstimator"/>. For an even count the median is the mean
/// of the two middle values.
/// </summary>
public static class Quantiles
{
    /// <summary>The median of <paramref name="values"/> (at least one).</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);

    /// <summary>The <paramref name="probability"/>-quantile (0..1) of <paramref name="values"/> (at least one, any order).</summary>
    /// <exception cref="ArgumentException">No values, or a probability outside 0..1.</exception>
    public static double Quantile(IEnumerable<double> values, double probability)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (probability is < 0 or > 1 || double.IsNaN(probability))
        {
            throw new ArgumentException($"A probability is between 0 and 1, got {probability}.", nameof(probability));
        }

        var list = values as IReadOnlyList<double> ?? values.ToArray();
        if (list.Count == 0)
        {
            throw new ArgumentException("The quantile of nothing is undefined.", nameof(values));
        }

        return SimpleQuantileEstimator.Instance.Quantile(list, probability);
    }
}
