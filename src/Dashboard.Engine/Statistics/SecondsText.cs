using System.Globalization;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// The one way seconds read in the dashboard, its exports and the bench (invariant culture, three
/// significant figures): "123 s", "12.3 s", "1.23 s", "0.123 s", "12.3 ms", "0.12 ms".
/// </summary>
public static class SecondsText
{
    /// <summary>Formats <paramref name="seconds"/> with its unit.</summary>
    public static string Format(double seconds) => Choose(ThreeSignificantFigures(seconds));

    // Rounded first so a value just under a boundary (0.09999...) reads "0.100 s", not "100.0 ms".
    private static double ThreeSignificantFigures(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds == 0)
        {
            return seconds;
        }

        var scale = Math.Pow(10, 2 - (int)Math.Floor(Math.Log10(Math.Abs(seconds))));
        return Math.Round(seconds * scale) / scale;
    }

    private static string Choose(double seconds) => seconds switch
    {
        >= 100 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        >= 10 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s"),
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s"),
        >= 0.1 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.000} s"),
        >= 0.01 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0.0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0.00} ms"),
    };
}
