using System.Globalization;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// The rules a run against real (public) targets obeys: only these hosts, https only (unless
/// <see cref="AllowHttpForLoopback"/> and the host is a loopback address), redirects followed by
/// hand and only within the allow-list, at most <see cref="MaxRedirects"/> of them, this
/// User-Agent, and per host at most <see cref="MaxConcurrentPerHost"/> requests in flight and
/// <see cref="RequestsPerSecond"/> started per second. Null on a <see cref="WorkloadEnvironment"/>
/// means the simulated targets (no such rules: they are this app's own).
/// Serialised to worker processes and the Python twins with the environment.
/// </summary>
public sealed record TargetPolicy(
    IReadOnlyList<string> AllowedHosts,
    string UserAgent,
    int MaxConcurrentPerHost = TargetPolicy.DefaultMaxConcurrentPerHost,
    double RequestsPerSecond = TargetPolicy.DefaultRequestsPerSecond,
    int MaxRedirects = TargetPolicy.DefaultMaxRedirects,
    bool AllowHttpForLoopback = false)
{
    public const int DefaultMaxConcurrentPerHost = 4;
    public const int MaxMaxConcurrentPerHost = 16;
    public const double DefaultRequestsPerSecond = 5;
    public const double MinRequestsPerSecond = 0.1;
    public const double MaxRequestsPerSecond = 20;
    public const int DefaultMaxRedirects = 5;
    public const int MaxMaxRedirects = 10;

    /// <summary>Whether <paramref name="host"/> is on the allow-list (exact, case-insensitive; no wildcards).</summary>
    public bool Allows(string host) =>
        AllowedHosts.Any(h => string.Equals(h.Trim().TrimEnd('.'), host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Null when <paramref name="uri"/> may be requested; else why not, naming the host.</summary>
    public string? Refusal(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            return $"'{uri}' is not an absolute address.";
        }

        if (!Allows(uri.IdnHost))
        {
            return $"host '{uri.IdnHost}' is not in the allow-list ({string.Join(", ", AllowedHosts)}).";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && AllowHttpForLoopback && uri.IsLoopback)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"'{uri.Scheme}://{uri.IdnHost}' is not https; real targets are called over https only.");
    }

    /// <summary>Problems with the policy itself, keyed by field; empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new ParameterErrors();
        if (AllowedHosts.Count == 0 || AllowedHosts.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("allowedHosts", "The allow-list must name at least one host, and no empty one.");
        }

        if (AllowedHosts.Any(h => h.Contains('*', StringComparison.Ordinal) || h.Contains('/', StringComparison.Ordinal) || h.Contains(':', StringComparison.Ordinal)))
        {
            errors.Add("allowedHosts", "Allowed hosts are plain host names (no scheme, port, path or wildcard), e.g. en.wikipedia.org.");
        }

        if (string.IsNullOrWhiteSpace(UserAgent) || UserAgent.Length > 300)
        {
            errors.Add("userAgent", "The User-Agent must be 1..300 characters.");
        }

        errors.Range("maxConcurrentPerHost", MaxConcurrentPerHost, 1, MaxMaxConcurrentPerHost);
        if (!(RequestsPerSecond >= MinRequestsPerSecond && RequestsPerSecond <= MaxRequestsPerSecond))
        {
            errors.Add("requestsPerSecond", string.Create(CultureInfo.InvariantCulture,
                $"requestsPerSecond must be between {MinRequestsPerSecond} and {MaxRequestsPerSecond} (got {RequestsPerSecond})."));
        }

        errors.Range("maxRedirects", MaxRedirects, 0, MaxMaxRedirects);
        return errors.ToDictionary();
    }
}
