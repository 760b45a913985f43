namespace Dashboard.Web.Exports;

/// <summary>
/// Times in the trace exports (Chrome trace, OTLP/JSON): whole nanoseconds that are never negative
/// and never overflow. A stored run's seconds are finite and bounded (the import checks them), but
/// a sum or a product must not wrap round to a negative timestamp whatever a document held.
/// </summary>
internal static class TraceTime
{
    public const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>
    /// The latest time written, in nanoseconds: year 2262 as Unix time, which leaves room for
    /// every repetition of a run to be added to its start.
    /// </summary>
    public const long MaxNanoseconds = long.MaxValue / 2;

    /// <summary><paramref name="seconds"/> as nanoseconds in [0, <see cref="MaxNanoseconds"/>]; 0 for NaN.</summary>
    public static long Nanoseconds(double seconds)
    {
        if (!(seconds > 0))
        {
            return 0;
        }

        var nanoseconds = Math.Round(seconds * NanosecondsPerSecond);
        return nanoseconds >= MaxNanoseconds ? MaxNanoseconds : (long)nanoseconds;
    }

    /// <summary>Nanoseconds since the Unix epoch, in [0, <see cref="MaxNanoseconds"/>] (before 1970 is 1970).</summary>
    public static long UnixNanoseconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return ticks <= 0 ? 0 : Math.Min(ticks, MaxNanoseconds / 100) * 100;
    }

    /// <summary><paramref name="a"/> + <paramref name="b"/>, both non-negative, stopping at <see cref="MaxNanoseconds"/>.</summary>
    public static long Add(long a, long b) => a >= MaxNanoseconds - Math.Max(0, b) ? MaxNanoseconds : a + Math.Max(0, b);
}
