using System.Net;

namespace Dashboard.Web.Security;

/// <summary>
/// Reverse proxies in front of the app (configuration section "ForwardedHeaders"). Only a request
/// from one of these addresses or networks may say, in X-Forwarded-For and X-Forwarded-Proto, who
/// the real client is; then the per-client limits and the sign-in log see that client rather than
/// the proxy, so one person's failed logins do not lock out everyone behind the same proxy. With
/// none configured the headers are ignored (anyone could send them).
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. ["10.0.0.5"].</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. ["172.18.0.0/16"].</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Whether any proxy is configured.</summary>
    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    /// <summary>Every entry that is not an address (or a network), for the start-up check.</summary>
    public IEnumerable<string> Problems() =>
        KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Select(p => $"{SectionName}:KnownProxies has '{p}', which is not an IP address.")
            .Concat(KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)).Select(n => $"{SectionName}:KnownNetworks has '{n}', which is not a network such as 10.0.0.0/8."));
}
