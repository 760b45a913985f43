namespace Dashboard.Engine.Statistics;

/// <summary>
/// Student's t distribution with <c>df</c> degrees of freedom (df may be fractional, as Welch's
/// test produces). The CDF goes through the regularized incomplete beta function; the inverse
/// CDF solves CDF(t) = p by bracketing and bisection, which is exact to double precision for
/// every df rather than a table with a normal approximation beyond df 30.
/// </summary>
public static class StudentT
{
    /// <summary>Above this, t is the normal distribution to better than 1e-6; df is clamped here.</summary>
    public const double MaxDegreesOfFreedom = 1e6;

    /// <summary>P(T ≤ t).</summary>
    /// <exception cref="ArgumentOutOfRangeException">df is not positive or t is NaN.</exception>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        var df = CheckDegreesOfFreedom(degreesOfFreedom);
        if (double.IsNaN(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "t must be a number.");
        }

        if (double.IsPositiveInfinity(t))
        {
            return 1;
        }

        if (double.IsNegativeInfinity(t))
        {
            return 0;
        }

        // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2); each tail is half of it.
        var tail = 0.5 * SpecialFunctions.RegularizedIncompleteBeta(df / 2, 0.5, df / (df + (t * t)));
        return t > 0 ? 1 - tail : tail;
    }

    /// <summary>Two-sided p-value P(|T| ≥ |t|).</summary>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        var df = CheckDegreesOfFreedom(degreesOfFreedom);
        if (double.IsNaN(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "t must be a number.");
        }

        if (double.IsInfinity(t))
        {
            return 0;
        }

        return SpecialFunctions.RegularizedIncompleteBeta(df / 2, 0.5, df / (df + (t * t)));
    }

    /// <summary>The t with P(T ≤ t) = <paramref name="probability"/> (0 &lt; p &lt; 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is not strictly between 0 and 1, or df is not positive.</exception>
    public static double InverseCdf(double probability, double degreesOfFreedom)
    {
        var df = CheckDegreesOfFreedom(degreesOfFreedom);
        if (!(probability > 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "probability must be strictly between 0 and 1.");
        }

        if (probability == 0.5)
        {
            return 0;
        }

        // Symmetry: solve for the upper half only.
        var upper = probability > 0.5 ? probability : 1 - probability;
        var lo = 0.0;
        var hi = 1.0;
        while (Cdf(hi, df) < upper)
        {
            lo = hi;
            hi *= 2;
            if (hi > 1e300)
            {
                break;
            }
        }

        for (var i = 0; i < 200 && hi - lo > 1e-14 * hi; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Cdf(mid, df) < upper)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var t = 0.5 * (lo + hi);
        return probability > 0.5 ? t : -t;
    }

    /// <summary>The two-sided critical value for a confidence level, e.g. 0.95 -> t(0.975, df).</summary>
    public static double CriticalValue(double confidence, double degreesOfFreedom)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be strictly between 0 and 1.");
        }

        return InverseCdf(0.5 + (confidence / 2), degreesOfFreedom);
    }

    private static double CheckDegreesOfFreedom(double df)
    {
        if (!(df > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(df), df, "Degrees of freedom must be positive.");
        }

        return Math.Min(df, MaxDegreesOfFreedom);
    }
}
