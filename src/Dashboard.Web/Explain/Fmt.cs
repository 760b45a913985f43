using System.Globalization;
using Dashboard.Engine.Statistics;

namespace Dashboard.Web.Explain;

/// <summary>How figures and names read on the page: seconds, speedups, counts (invariant culture), capitals.</summary>
public static class Fmt
{
    /// <summary>The one seconds format, <see cref="SecondsText.Format"/>: "12.3 s", "1.42 s", "0.204 s", "4.2 ms".</summary>
    public static string Seconds(double seconds) => SecondsText.Format(seconds);

    /// <summary>"50x", "1.9x".</summary>
    public static string Speedup(double speedup) => speedup >= 10
        ? string.Create(CultureInfo.InvariantCulture, $"{speedup:0}x")
        : string.Create(CultureInfo.InvariantCulture, $"{speedup:0.0}x");

    /// <summary>"4.4x faster than sequential", "4.1x slower than sequential" or "as fast as sequential".</summary>
    public static string Versus(double speedup, string baseline = "sequential") => speedup switch
    {
        >= 1.05 => $"{Speedup(speedup)} faster than {baseline}",
        <= 0.95 when speedup > 0 => $"{Speedup(1 / speedup)} slower than {baseline}",
        _ => $"about as fast as {baseline}",
    };

    /// <summary>"1,000".</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 strategy", "7 strategies", "1,000 tasks": the count and the word that goes with it.</summary>
    public static string Plural(long count, string one, string many) => $"{Count(count)} {(count == 1 ? one : many)}";

    /// <summary>"37%".</summary>
    public static string Percent(double fraction) =>
        string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0}%");

    /// <summary>"00:04.2" (minutes:seconds.tenths), for elapsed clocks.</summary>
    public static string Clock(TimeSpan elapsed) => elapsed.TotalHours >= 1
        ? elapsed.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : elapsed.ToString(@"mm\:ss\.f", CultureInfo.InvariantCulture);

    /// <summary>"Threads'" or "Async's".</summary>
    public static string Possessive(string name) => name.EndsWith('s') ? $"{name}'" : $"{name}'s";

    /// <summary>The text with its first letter upper-case ("Thread pool").</summary>
    public static string Capital(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
}
