namespace Dashboard.Web.Bench;

/// <summary>The little arithmetic the bench's figures need.</summary>
public static class BenchStatistics
{
    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of nothing is undefined.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>How many times faster than <paramref name="baselineSeconds"/>; null when either is not positive.</summary>
    public static double? Speedup(double baselineSeconds, double seconds) =>
        baselineSeconds > 0 && seconds > 0 ? baselineSeconds / seconds : null;
}
