using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// The one place that says whether a sign-in still holds. A sign-in cookie carries its session's
/// id, when it signed in, and the stamp of the token it signed in with; it holds while that stamp
/// is the current token's (a new Auth:Token ends every older session) and the session was not
/// ended by signing out (<see cref="SessionRevocations"/>). Checked on every request by the cookie
/// handler, on every hub call, and on every message of a Blazor circuit. A bearer token is checked
/// on every request by itself and has no session. A viewer's session (signed in with a read-only
/// link) also names its link and holds only while that link holds it (<see cref="ViewerLinks"/>).
/// </summary>
public sealed class DashboardSessions(
    DashboardToken token,
    SessionRevocations revocations,
    ViewerLinks links,
    IOptionsMonitor<CookieAuthenticationOptions> cookies,
    TimeProvider time)
{
    public const string SessionIdClaim = "dashboard:session";
    public const string StampClaim = "dashboard:stamp";
    public const string SignedInClaim = "dashboard:signed-in";
    public const string ViewerLinkClaim = "dashboard:viewer-link";

    /// <summary>Raised with the id of every session that ends.</summary>
    public event Action<string>? Ended
    {
        add => revocations.Ended += value;
        remove => revocations.Ended -= value;
    }

    /// <summary>A new session's principal, for the sign-in cookie.</summary>
    public ClaimsPrincipal NewSession() => Session(NewSessionId(), viewerLink: null);

    /// <summary>
    /// A new viewer session for the read-only link whose token is <paramref name="linkToken"/>:
    /// its principal, or null and the reason (wrong or expired link, or Auth:MaxViewers signed in).
    /// </summary>
    public (ClaimsPrincipal? Viewer, ViewerSignIn Outcome) NewViewerSession(string? linkToken)
    {
        var session = NewSessionId();
        var outcome = links.Admit(linkToken, session);
        return (outcome.LinkId is { } link ? Session(session, link) : null, outcome);
    }

    /// <summary>The session id of a cookie sign-in; null for a bearer token or nobody.</summary>
    public static string? SessionId(ClaimsPrincipal? user) => user?.FindFirst(SessionIdClaim)?.Value;

    /// <summary>The read-only link a viewer signed in with; null for the owner (token, cookie or bearer) or nobody.</summary>
    public static string? ViewerLinkId(ClaimsPrincipal? user) => user?.FindFirst(ViewerLinkClaim)?.Value;

    /// <summary>Revokes the read-only link <paramref name="linkId"/>: every viewer of it is signed out at once. False when unknown.</summary>
    public bool RevokeViewerLink(string linkId)
    {
        if (links.Revoke(linkId) is not { } sessions)
        {
            return false;
        }

        var until = time.GetUtcNow() + cookies.Get(DashboardAuth.CookieScheme).ExpireTimeSpan;
        foreach (var session in sessions)
        {
            revocations.End(session, until);
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="user"/> may still act: a bearer sign-in (checked per request), or a
    /// cookie session under the current token that was not ended. Anyone else, false.
    /// </summary>
    public bool IsCurrent(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true } identity)
        {
            return false;
        }

        if (identity.AuthenticationType == DashboardAuth.BearerScheme)
        {
            return true;
        }

        var stamp = user.FindFirst(StampClaim)?.Value;
        return SessionId(user) is { Length: > 0 } session
            && stamp is not null
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(stamp), System.Text.Encoding.UTF8.GetBytes(token.Stamp))
            && long.TryParse(user.FindFirst(SignedInClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks is > 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && !revocations.IsEnded(session, new DateTimeOffset(ticks, TimeSpan.Zero))
            && (ViewerLinkId(user) is not { } link || links.Holds(link, session));
    }

    /// <summary>Ends <paramref name="user"/>'s session on the server: its cookie no longer signs anyone in, wherever it was copied.</summary>
    public void End(ClaimsPrincipal? user)
    {
        if (SessionId(user) is { Length: > 0 } session)
        {
            revocations.End(session, time.GetUtcNow() + cookies.Get(DashboardAuth.CookieScheme).ExpireTimeSpan);
            if (ViewerLinkId(user) is { } link)
            {
                links.Forget(link, session);
            }
        }
    }

    private static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private ClaimsPrincipal Session(string session, string? viewerLink)
    {
        List<Claim> claims =
        [
            new Claim(ClaimTypes.Name, viewerLink is null ? DashboardAuth.UserName : DashboardAuth.ViewerName),
            new Claim(SessionIdClaim, session),
            new Claim(StampClaim, token.Stamp),
            new Claim(SignedInClaim, time.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture)),
        ];
        if (viewerLink is not null)
        {
            claims.Add(new Claim(ViewerLinkClaim, viewerLink));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, DashboardAuth.CookieScheme));
    }
}
