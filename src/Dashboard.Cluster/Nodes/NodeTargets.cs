using System.Globalization;
using Dashboard.Cluster.Grains;
using Dashboard.Engine.Workloads;

namespace Dashboard.Cluster.Nodes;

/// <summary>
/// The only targets a node calls (section "Node:Targets"): the simulated targets' base address and,
/// behind an allow-list, the real targets' addresses. A call only says which kind; the addresses are
/// this node's own, handed to it by its launcher (the app, for the local nodes it starts) or set by
/// whoever runs it (redis membership).
/// </summary>
public sealed class NodeTargets
{
    public const string SectionName = "Node:Targets";

    /// <summary>Base address of the simulated targets, e.g. http://127.0.0.1:5000/sim/; empty = none.</summary>
    public string? Simulated { get; set; }

    /// <summary>Base address of the real genre API; empty = none.</summary>
    public string? Genre { get; set; }

    /// <summary>Base address of the real wiki; empty = none.</summary>
    public string? Scrape { get; set; }

    /// <summary>The only hosts a real target call may reach (exact names), as <see cref="TargetPolicy.AllowedHosts"/>.</summary>
    public string[] AllowedHosts { get; set; } = [];

    public string UserAgent { get; set; } = "ConcurrencyDashboard/1.0";

    public int MaxConcurrentPerHost { get; set; } = TargetPolicy.DefaultMaxConcurrentPerHost;

    public double RequestsPerSecond { get; set; } = TargetPolicy.DefaultRequestsPerSecond;

    public int MaxRedirects { get; set; } = TargetPolicy.DefaultMaxRedirects;

    /// <summary>Tests only: plain http to loopback real targets.</summary>
    public bool AllowHttpForLoopback { get; set; }

    private bool HasReal => !string.IsNullOrWhiteSpace(Genre) || !string.IsNullOrWhiteSpace(Scrape);

    /// <summary>The targets the app hands its local nodes: its simulated targets and, when configured, its real ones with their policy.</summary>
    public static NodeTargets From(string? simulated, string? genre, string? scrape, TargetPolicy? policy) => new()
    {
        Simulated = simulated,
        Genre = policy is null ? null : genre,
        Scrape = policy is null ? null : scrape,
        AllowedHosts = policy is null ? [] : [.. policy.AllowedHosts],
        UserAgent = policy?.UserAgent ?? "ConcurrencyDashboard/1.0",
        MaxConcurrentPerHost = policy?.MaxConcurrentPerHost ?? TargetPolicy.DefaultMaxConcurrentPerHost,
        RequestsPerSecond = policy?.RequestsPerSecond ?? TargetPolicy.DefaultRequestsPerSecond,
        MaxRedirects = policy?.MaxRedirects ?? TargetPolicy.DefaultMaxRedirects,
        AllowHttpForLoopback = policy?.AllowHttpForLoopback ?? false,
    };

    /// <summary>Problems with these settings, each naming its key; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(Simulated) && Problem(Simulated) is { } simulated)
        {
            errors.Add($"{SectionName}:Simulated {simulated}");
        }

        if (!HasReal)
        {
            return errors;
        }

        var policy = Policy();
        errors.AddRange(policy.Validate().SelectMany(e => e.Value.Select(m => $"{SectionName}:{char.ToUpperInvariant(e.Key[0])}{e.Key[1..]}: {m}")));
        foreach (var (key, url) in new[] { ("Genre", Genre), ("Scrape", Scrape) })
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                continue;
            }

            if (Problem(url) is { } problem)
            {
                errors.Add($"{SectionName}:{key} {problem}");
            }
            else if (policy.Refusal(new Uri(url.Trim())) is { } refused)
            {
                errors.Add($"{SectionName}:{key} is refused: {refused}");
            }
        }

        return errors;
    }

    /// <summary>
    /// The base address and policy a job's workload calls, or a refusal naming what this node lacks.
    /// Workloads that call no target get none.
    /// </summary>
    public (string BaseUrl, TargetPolicy? Policy) For(NodeTargetKind kind, WorkloadParameters parameters)
    {
        if (!WorkloadCatalog.Of(parameters).CallsTargets)
        {
            return (string.Empty, null);
        }

        if (kind == NodeTargetKind.Simulated)
        {
            return string.IsNullOrWhiteSpace(Simulated)
                ? throw new TaskRefusedException($"this node has no simulated targets ({SectionName}:Simulated is not set)")
                : (Simulated.Trim(), null);
        }

        var (key, url) = parameters is ScrapeParameters ? ("Scrape", Scrape) : ("Genre", Genre);
        return string.IsNullOrWhiteSpace(url)
            ? throw new TaskRefusedException($"this node has no real target for {parameters.Workload} ({SectionName}:{key} is not set)")
            : (url.Trim(), Policy());
    }

    /// <summary>The settings as start arguments for a local node (--Node:Targets:Key=value).</summary>
    public IEnumerable<(string Key, string Value)> Arguments()
    {
        if (!string.IsNullOrWhiteSpace(Simulated))
        {
            yield return ($"{SectionName}:Simulated", Simulated);
        }

        if (!HasReal)
        {
            yield break;
        }

        if (!string.IsNullOrWhiteSpace(Genre))
        {
            yield return ($"{SectionName}:Genre", Genre);
        }

        if (!string.IsNullOrWhiteSpace(Scrape))
        {
            yield return ($"{SectionName}:Scrape", Scrape);
        }

        for (var i = 0; i < AllowedHosts.Length; i++)
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"{SectionName}:AllowedHosts:{i}"), AllowedHosts[i]);
        }

        yield return ($"{SectionName}:UserAgent", UserAgent);
        yield return ($"{SectionName}:MaxConcurrentPerHost", MaxConcurrentPerHost.ToString(CultureInfo.InvariantCulture));
        yield return ($"{SectionName}:RequestsPerSecond", RequestsPerSecond.ToString(CultureInfo.InvariantCulture));
        yield return ($"{SectionName}:MaxRedirects", MaxRedirects.ToString(CultureInfo.InvariantCulture));
        yield return ($"{SectionName}:AllowHttpForLoopback", AllowHttpForLoopback ? "true" : "false");
    }

    private TargetPolicy Policy() =>
        new([.. AllowedHosts.Select(h => h.Trim())], UserAgent, MaxConcurrentPerHost, RequestsPerSecond, MaxRedirects, AllowHttpForLoopback);

    private static string? Problem(string url) =>
        !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            ? $"must be an absolute http or https address (got '{ValueEcho.Short(url)}')."
            : !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)
                ? $"must carry no user, query or fragment (got '{ValueEcho.Short(url)}')."
                : null;
}
