using Dashboard.Engine.Statistics;

namespace Dashboard.Web.Explain;

/// <summary>What two strategies' wall times say about which was faster.</summary>
public enum NoiseVerdict
{
    /// <summary>The first was faster, beyond the run's noise.</summary>
    Faster,

    /// <summary>The first was slower, beyond the run's noise.</summary>
    Slower,

    /// <summary>At least 3 repetitions each, and their ranges and intervals overlap.</summary>
    WithinNoise,

    /// <summary>Fewer than 3 repetitions on a side, and no interval tells them apart.</summary>
    TooFewRepetitions,
}

/// <summary>
/// The rule every "faster because" and "slower because" in Explain passes: a difference is beyond
/// the run's noise when, with at least <see cref="MinRepetitions"/> repetitions each, the two
/// strategies' ranges of wall times do not overlap, or when their 95% confidence intervals of the mean
/// do not (<see cref="SampleStatistics"/>). Otherwise a sentence gives the figures and says
/// "within noise: repeat at least 3 times to tell", never a cause.
/// </summary>
public static class Noise
{
    /// <summary>Fewest repetitions per strategy whose ranges can tell two strategies apart.</summary>
    public const int MinRepetitions = SampleStatistics.MinRepetitions;

    /// <summary>The phrase of a difference that is not beyond noise.</summary>
    public const string RepeatToTell = "within noise: repeat at least 3 times to tell";

    /// <summary>Whether <paramref name="a"/> was faster or slower than <paramref name="b"/> beyond the noise.</summary>
    public static NoiseVerdict Compare(StrategyFigures a, StrategyFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var apart = RangesApart(a, b) || IntervalsApart(a, b);
        if (apart)
        {
            return a.MedianWallSeconds < b.MedianWallSeconds ? NoiseVerdict.Faster : NoiseVerdict.Slower;
        }

        return a.Repetitions < MinRepetitions || b.Repetitions < MinRepetitions ? NoiseVerdict.TooFewRepetitions : NoiseVerdict.WithinNoise;
    }

    /// <summary>True when the difference is beyond noise either way.</summary>
    public static bool Apart(StrategyFigures a, StrategyFigures b) => Compare(a, b) is NoiseVerdict.Faster or NoiseVerdict.Slower;

    /// <summary>What backs the verdict, for the sentence: "ranges of 3 repetitions apart", or the phrase to repeat.</summary>
    public static string Basis(StrategyFigures a, StrategyFigures b)
    {
        if (RangesApart(a, b))
        {
            return $"beyond noise: the ranges of {Fmt.Plural(Math.Min(a.Repetitions, b.Repetitions), "repetition", "repetitions")} do not overlap";
        }

        if (IntervalsApart(a, b))
        {
            return "beyond noise: the 95% confidence intervals do not overlap";
        }

        return Compare(a, b) == NoiseVerdict.WithinNoise
            ? $"within noise: the ranges of {Fmt.Count(Math.Min(a.Repetitions, b.Repetitions))} repetitions overlap"
            : RepeatToTell;
    }

    /// <summary>"1 repetition" or "3 repetitions" each: what the comparison rests on.</summary>
    public static string Repetitions(StrategyFigures a, StrategyFigures b) =>
        a.Repetitions == b.Repetitions ? $"{a.Repetitions} each" : $"{a.Repetitions} and {b.Repetitions}";

    private static bool RangesApart(StrategyFigures a, StrategyFigures b) =>
        a.Repetitions >= MinRepetitions && b.Repetitions >= MinRepetitions
        && (a.MaxWallSeconds < b.MinWallSeconds || b.MaxWallSeconds < a.MinWallSeconds);

    private static bool IntervalsApart(StrategyFigures a, StrategyFigures b) =>
        a is { ConfidenceLow: { } aLow, ConfidenceHigh: { } aHigh } && b is { ConfidenceLow: { } bLow, ConfidenceHigh: { } bHigh }
        && (aHigh < bLow || bHigh < aLow);
}
