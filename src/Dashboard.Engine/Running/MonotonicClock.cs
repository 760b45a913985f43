using System.Diagnostics;

namespace Dashboard.Engine.Running;

/// <summary>
/// The one clock every event is stamped with. <see cref="Stopwatch.GetTimestamp"/> reads
/// CLOCK_MONOTONIC on Linux, so timestamps taken in worker processes line up with the parent's.
/// </summary>
public static class MonotonicClock
{
    /// <summary>Ticks per second of <see cref="Now"/>.</summary>
    public static long Frequency => Stopwatch.Frequency;

    /// <summary>The current monotonic timestamp in <see cref="Frequency"/> ticks.</summary>
    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>
    /// A CLOCK_MONOTONIC reading in nanoseconds from another runtime (Python's time.monotonic_ns())
    /// as a timestamp of this clock: on Linux Stopwatch reads the same clock in nanosecond ticks,
    /// so this is the identity there.
    /// </summary>
    public static long FromNanoseconds(long nanoseconds) =>
        Stopwatch.Frequency == 1_000_000_000 ? nanoseconds : (long)(nanoseconds * (Stopwatch.Frequency / 1e9));

    /// <summary>Nanoseconds between two timestamps.</summary>
    public static long Nanoseconds(long from, long to) =>
        Stopwatch.Frequency == 1_000_000_000 ? to - from : (long)((to - from) * (1e9 / Stopwatch.Frequency));

    /// <summary>Seconds between two timestamps.</summary>
    public static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
}
