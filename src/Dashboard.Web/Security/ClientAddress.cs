using System.Net;

namespace Dashboard.Web.Security;

/// <summary>
/// Who a request comes from, for per-client limits and the sign-in log: the remote address (the
/// real client's when a configured proxy forwarded it, see <see cref="ForwardedHeadersSettings"/>),
/// an IPv4 address mapped into IPv6 written as IPv4.
/// </summary>
public static class ClientAddress
{
    /// <summary>What is said when the connection has no address (an in-memory test server).</summary>
    public const string Unknown = "unknown";

    public static string Of(HttpContext? context) => Of(context?.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address) =>
        address is null ? Unknown : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
