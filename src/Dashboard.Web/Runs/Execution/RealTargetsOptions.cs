using System.Globalization;
using System.Net;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.Options;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Execution;

/// <summary>
/// The public targets a run may choose instead of the simulated ones (configuration section
/// "Lab:RealTargets"). Addresses come from here only, never from a request; they are checked
/// against <see cref="AllowedHosts"/> when the app starts.
/// </summary>
public sealed class RealTargetsOptions
{
    public const string SectionName = "Lab:RealTargets";
    public const string GenreKey = SectionName + ":Genre";
    public const string ScrapeKey = SectionName + ":Scrape";
    public const string AllowedHostsKey = SectionName + ":AllowedHosts";
    public const int MaxContactLength = 200;
    public const int MaxAllowedHosts = 20;

    /// <summary>Base address of the genre API; the workload GETs "genre" under it.</summary>
    public string? Genre { get; set; }

    /// <summary>Base address of the wiki; the workload GETs "wiki/random" under it.</summary>
    public string? Scrape { get; set; }

    /// <summary>The only hosts a real run may call or be redirected to (exact names, no wildcards).</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>A project URL or contact put into the User-Agent, as public APIs ask.</summary>
    public string Contact { get; set; } = "https://github.com/based-jace/concurrency-parallelism-and-asyncio";

    public int MaxConcurrentPerHost { get; set; } = TargetPolicy.DefaultMaxConcurrentPerHost;

    public double RequestsPerSecond { get; set; } = TargetPolicy.DefaultRequestsPerSecond;

    public int MaxRedirects { get; set; } = TargetPolicy.DefaultMaxRedirects;

    /// <summary>Tests only: allow plain http when every allowed host is a loopback address (refused otherwise).</summary>
    public bool AllowHttpForLoopback { get; set; }

    /// <summary>Whether any real target is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Genre) || !string.IsNullOrWhiteSpace(Scrape);

    public string UserAgent => $"ConcurrencyDashboard/1.0 (+{Contact.Trim()})";

    public TargetPolicy ToPolicy() => new(
        [.. AllowedHosts.Select(h => h.Trim())], UserAgent, MaxConcurrentPerHost, RequestsPerSecond, MaxRedirects, AllowHttpForLoopback);

    /// <summary>The configured base for the targets a workload calls; null when none is (or it calls none).</summary>
    public string? BaseFor(WorkloadParameters parameters) => WorkloadCatalog.Of(parameters).Target switch
    {
        TargetEndpoint.Genres when !string.IsNullOrWhiteSpace(Genre) => Genre.Trim(),
        TargetEndpoint.Pages when !string.IsNullOrWhiteSpace(Scrape) => Scrape.Trim(),
        _ => null,
    };

    /// <summary>The configuration key a real run of this workload needs.</summary>
    public static string KeyFor(WorkloadParameters parameters) =>
        WorkloadCatalog.Of(parameters).Target == TargetEndpoint.Pages ? ScrapeKey : GenreKey;
}

/// <summary>Checks <see cref="RealTargetsOptions"/> at start: a bad address or rule stops the app with a clear message.</summary>
public sealed class RealTargetsOptionsValidator : IValidateOptions<RealTargetsOptions>
{
    public ValidateOptionsResult Validate(string? name, RealTargetsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (options.AllowedHosts.Length is 0 or > RealTargetsOptions.MaxAllowedHosts)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{RealTargetsOptions.AllowedHostsKey} must list 1..{RealTargetsOptions.MaxAllowedHosts} hosts when real targets are configured."));
        }

        if (options.Contact is not { Length: > 0 and <= RealTargetsOptions.MaxContactLength } || options.Contact.Any(char.IsControl))
        {
            problems.Add($"{RealTargetsOptions.SectionName}:Contact must be 1..{RealTargetsOptions.MaxContactLength} printable characters.");
        }

        var policy = options.ToPolicy();
        foreach (var (field, messages) in policy.Validate())
        {
            problems.AddRange(messages.Select(m => $"{RealTargetsOptions.SectionName}:{char.ToUpperInvariant(field[0])}{field[1..]}: {m}"));
        }

        if (options.AllowHttpForLoopback && options.AllowedHosts.Any(h => !IPAddress.TryParse(h.Trim(), out var ip) || !IPAddress.IsLoopback(ip)))
        {
            problems.Add($"{RealTargetsOptions.SectionName}:AllowHttpForLoopback is for tests only: every allowed host must then be a loopback address such as 127.0.0.2.");
        }

        foreach (var (key, url) in new[] { (RealTargetsOptions.GenreKey, options.Genre), (RealTargetsOptions.ScrapeKey, options.Scrape) })
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                continue;
            }

            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                problems.Add($"{key} must be an absolute https URL such as https://en.wikipedia.org/ (got '{url}').");
            }
            else if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                problems.Add($"{key} must carry no user, query or fragment (got '{url}').");
            }
            else if (policy.Refusal(uri) is { } refused)
            {
                problems.Add($"{key} is refused: {refused}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
