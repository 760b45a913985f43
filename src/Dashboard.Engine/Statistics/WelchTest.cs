using System.Globalization;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// Welch's unequal-variances t-test between two samples' means:
/// t = (mean_a - mean_b) / √(s_a²/n_a + s_b²/n_b), with Welch–Satterthwaite degrees of freedom
/// df = (s_a²/n_a + s_b²/n_b)² / ((s_a²/n_a)²/(n_a-1) + (s_b²/n_b)²/(n_b-1)), and a two-sided
/// p-value 2 · F(-|t|) from Student's t distribution with df degrees of freedom (Perfolizer's
/// <see cref="StudentDistribution"/>). Works from the summary statistics alone, so stored runs
/// compare without their raw samples. The difference is significant when p &lt; <see cref="Alpha"/>.
/// With fewer than 2 repetitions on either side no test is possible:
/// <see cref="IsApplicable"/> is false and <see cref="Message"/> says so.
/// </summary>
/// <param name="T">The t statistic, or null when not applicable or when both samples have no spread.</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite df, or null when not applicable.</param>
/// <param name="PValue">Two-sided p-value, or null when not applicable.</param>
public sealed record WelchTest(
    bool IsApplicable,
    double? T,
    double? DegreesOfFreedom,
    double? PValue,
    bool IsSignificant,
    string Message)
{
    /// <summary>Significance level.</summary>
    public const double Alpha = 0.05;

    /// <summary>Tests whether the means of <paramref name="a"/> and <paramref name="b"/> differ.</summary>
    public static WelchTest Compare(SampleStatistics a, SampleStatistics b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count < 2 || b.Count < 2 || a.StandardDeviation is not { } sa || b.StandardDeviation is not { } sb)
        {
            return new WelchTest(false, null, null, null, false,
                "Not enough repetitions: a significance test needs at least 2 on each side.");
        }

        var va = sa * sa / a.Count;
        var vb = sb * sb / b.Count;
        var difference = a.Mean - b.Mean;
        if (va + vb == 0)
        {
            // Both samples have no spread at all: the means either are identical or differ with certainty.
            var df0 = a.Count + b.Count - 2.0;
            return difference == 0
                ? new WelchTest(true, 0, df0, 1, false, "No difference: both samples are constant and equal.")
                : new WelchTest(true, null, df0, 0, true, "Significant: both samples are constant and differ.");
        }

        var t = difference / Math.Sqrt(va + vb);
        var df = (va + vb) * (va + vb) / ((va * va / (a.Count - 1)) + (vb * vb / (b.Count - 1)));
        var p = Math.Min(1, 2 * new StudentDistribution(df).Cdf(-Math.Abs(t)));
        var significant = p < Alpha;
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"{(significant ? "Significant" : "Not significant")} (Welch t = {t:0.###}, df = {df:0.#}, p = {p:0.####}).");
        return new WelchTest(true, t, df, p, significant, message);
    }
}
