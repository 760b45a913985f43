using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Refuses (403) a browser's state-changing request or WebSocket that comes from another site:
/// POST/PUT/PATCH/DELETE and WebSocket upgrades (the hubs' negotiate and connection) whose
/// <c>Origin</c> (or, without it, <c>Referer</c>) is not this site. Requests with an
/// Authorization header carry no ambient credential and pass; a request that carries the sign-in
/// cookie but names no origin at all is refused too, since browsers always name one.
/// </summary>
public sealed class SameOriginGuard(RequestDelegate next, IOptionsMonitor<AuthOptions> auth, ILogger<SameOriginGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!NeedsCheck(context.Request) || IsSameSite(context.Request, out var reason, auth.CurrentValue))
        {
            await next(context);
            return;
        }

        logger.LogWarning("Refused a cross-site {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path.Value, reason);
        await DashboardAuth.WriteProblemAsync(context, StatusCodes.Status403Forbidden, "Cross-site request refused", reason);
    }

    private static bool NeedsCheck(HttpRequest request)
    {
        if (request.Headers.Authorization.Count > 0)
        {
            return false;
        }

        return !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                 || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
               || request.Headers.Upgrade.Any(u => string.Equals(u, "websocket", StringComparison.OrdinalIgnoreCase));
    }

    internal static bool IsSameSite(HttpRequest request, out string reason, AuthOptions options)
    {
        string? origin = request.Headers.Origin;
        string? referer = request.Headers.Referer;
        var self = $"{request.Scheme}://{request.Host.Value}";
        if (!string.IsNullOrEmpty(origin))
        {
            reason = $"Origin {Short(origin)} is not this site ({self}).";
            return Matches(origin, request) || options.AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);
        }

        if (!string.IsNullOrEmpty(referer))
        {
            reason = $"Referer {Short(referer)} is not this site ({self}).";
            return Uri.TryCreate(referer, UriKind.Absolute, out var uri)
                   && (Matches(uri.GetLeftPart(UriPartial.Authority), request)
                       || options.AllowedOrigins.Contains(uri.GetLeftPart(UriPartial.Authority), StringComparer.OrdinalIgnoreCase));
        }

        reason = "A request with the sign-in cookie must name its Origin; scripts send Authorization: Bearer <token> instead.";
        return !request.Cookies.ContainsKey(DashboardAuth.CookieName);
    }

    private static bool Matches(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static string Short(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
