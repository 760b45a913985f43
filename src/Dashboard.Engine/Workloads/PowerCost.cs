namespace Dashboard.Engine.Workloads;

/// <summary>
/// The power workload's cost model for the run budget. The cost of i^i grows with its bit length
/// n = i log2 i, faster than linearly (the last squarings of an n-bit number dominate): a log-log
/// interpolation between measured points per arithmetic, extrapolated with the last slope.
/// </summary>
internal static class PowerCost
{
    /// <summary>Managed BigInteger i^i: (bits of the result in millions, seconds of CPU), measured here.</summary>
    internal static readonly (double MegaBits, double Seconds)[] ManagedPoints =
    [
        (2.58, 0.21),    // i = 150,000
        (9.47, 1.05),    // i = 500,000
        (19.93, 2.78),   // i = 1,000,000
        (41.86, 8.56),   // i = 2,000,000
    ];

    /// <summary>GMP i^i: (bits of the result in millions, seconds of CPU), measured here.</summary>
    internal static readonly (double MegaBits, double Seconds)[] GmpPoints =
    [
        (19.93, 0.107),  // i = 1,000,000
        (41.86, 0.236),  // i = 2,000,000
        (111.3, 0.711),  // i = 5,000,000
    ];

    /// <summary>
    /// Python's own integers, i**i with its bit length and SHA-256 as the twin reports them: (bits in
    /// millions, seconds of CPU), measured with time.process_time by PythonTwinBudgetBenchmark (medians
    /// of 3) on a loaded machine, so they err high. 20-40x GMP's (<see cref="GmpPoints"/>) per task.
    /// </summary>
    internal static readonly (double MegaBits, double Seconds)[] PythonPoints =
    [
        (2.58, 0.22),    // i = 150,000
        (9.47, 1.6),     // i = 500,000
        (19.93, 3.6),    // i = 1,000,000
        (41.86, 11.9),   // i = 2,000,000
    ];

    /// <summary>
    /// The seconds of i^i for i in [<paramref name="start"/>, start + <paramref name="count"/>) run one
    /// after another, in .NET with <paramref name="engine"/> or as the Python twin. Past
    /// <paramref name="maxCount"/> tasks (not a plan that validates) the middle task stands for all.
    /// </summary>
    public static WorkloadEstimate Estimate(int start, int count, PowerEngine engine, int maxCount, CostInput input)
    {
        var points = input.Python ? PythonPoints : engine == PowerEngine.Gmp ? GmpPoints : ManagedPoints;
        var overhead = WorkloadCost.TaskOverhead(input);
        count = Math.Max(0, count);
        double seconds;
        if (count > maxCount)
        {
            // An estimate still, without a loop of a billion steps.
            seconds = count * (TaskSeconds(points, (long)start + count / 2) + overhead);
        }
        else
        {
            var total = 0.0;
            for (var k = 0; k < count; k++)
            {
                total += TaskSeconds(points, (long)start + k);
            }

            seconds = total + count * overhead;
        }

        return new(seconds, input.Python ? "i^i with Python's own integers" : $"i^i with the {PowerEngines.Id(engine)} engine");
    }

    /// <summary>Seconds of one i^i task.</summary>
    internal static double TaskSeconds((double MegaBits, double Seconds)[] points, long i)
    {
        if (i < 2)
        {
            return 0;
        }

        var megaBits = i * Math.Log2(i) / 1e6;

        // Between two measured points, or beyond the ends with the nearest segment's slope.
        var segment = 0;
        while (segment < points.Length - 2 && megaBits > points[segment + 1].MegaBits)
        {
            segment++;
        }

        var (x0, y0) = points[segment];
        var (x1, y1) = points[segment + 1];
        var slope = Math.Log(y1 / y0) / Math.Log(x1 / x0);
        return y0 * Math.Pow(megaBits / x0, slope);
    }
}
