using System.Globalization;

namespace Dashboard.Web.Simulation;

/// <summary>
/// The knobs of the simulated targets. Bound from the "Simulation" configuration section as the
/// defaults, then changed live through <see cref="SimulationKnobs"/> (GET/PUT /sim/knobs).
/// </summary>
/// <remarks>
/// Defaults resemble the real services the tutorial used:
/// the genre API at 280 ms (the tutorial's sequential run took 1.42 s for 5 calls) and a random
/// encyclopedia page at 200 ms for a ~100 KB article (a nearby client fetching one Wikipedia
/// article; the tutorial's 0.89 s per page also includes BeautifulSoup parsing and a distant
/// server). Jitter, failures and the rate limit are off by default so runs are reproducible.
/// </remarks>
public sealed record SimulationOptions
{
    public const string SectionName = "Simulation";

    public const int MaxLatencyMs = 60_000;
    public const int MaxJitterMs = 10_000;
    public const int MaxRateLimitPerSecond = 100_000;
    public const int MinPageSizeKb = 1;

    // Bodies are generated and cached per size (WikiPageRenderer: 16 sizes x 4 variants), and every
    // page request copies one: 2 MB keeps that cache under 128 MB and a 10,000-page run sane.
    public const int MaxPageSizeKb = 2_048;

    /// <summary>Delay before the genre API answers, in ms (0..60,000).</summary>
    public int GenreLatencyMs { get; init; } = 280;

    /// <summary>Delay before an article page answers, in ms (0..60,000); the redirect itself is instant.</summary>
    public int PageLatencyMs { get; init; } = 200;

    /// <summary>A uniformly random extra delay in [0, JitterMs] added to each latency (0..10,000).</summary>
    public int JitterMs { get; init; }

    /// <summary>Share of requests answered with HTTP 500 after the latency (0..1).</summary>
    public double FailureRate { get; init; }

    /// <summary>Requests per second accepted across both targets; more get HTTP 429 (0 = no limit, up to 100,000).</summary>
    public int RateLimitPerSecond { get; init; }

    /// <summary>Approximate size of an article page in KB (1..2,048).</summary>
    public int PageSizeKb { get; init; } = 100;

    /// <summary>Problems keyed by the camelCase knob name; empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Range(errors, "genreLatencyMs", GenreLatencyMs, 0, MaxLatencyMs);
        Range(errors, "pageLatencyMs", PageLatencyMs, 0, MaxLatencyMs);
        Range(errors, "jitterMs", JitterMs, 0, MaxJitterMs);
        Range(errors, "rateLimitPerSecond", RateLimitPerSecond, 0, MaxRateLimitPerSecond);
        Range(errors, "pageSizeKb", PageSizeKb, MinPageSizeKb, MaxPageSizeKb);

        // Written as a negated range so NaN fails too.
        if (!(FailureRate >= 0 && FailureRate <= 1))
        {
            errors["failureRate"] = [string.Create(CultureInfo.InvariantCulture,
                $"failureRate must be between 0 and 1 (got {FailureRate}).")];
        }

        return errors;
    }

    private static void Range(Dictionary<string, string[]> errors, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors[field] = [string.Create(CultureInfo.InvariantCulture,
                $"{field} must be between {min:N0} and {max:N0} (got {value:N0}).")];
        }
    }
}
