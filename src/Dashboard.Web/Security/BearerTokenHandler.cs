using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// "Authorization: Bearer TOKEN" for scripts, the API and the hub's .NET clients. A wrong token
/// takes one of the client's sign-in permits (<see cref="ClientRateLimits.SignIns"/>, shared with
/// the login page) and is logged with the client's address; once they are spent, every bearer
/// request from that address gets 429 with Retry-After until the window ends, the right token
/// too, so guessing learns nothing more.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DashboardToken token,
    ClientRateLimits limits)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    private TimeSpan? _lockedOut;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var client = ClientAddress.Of(Context);
        if (limits.SpentFor(ClientRateLimits.SignIns, client) is { } wait)
        {
            _lockedOut = wait;
            return Task.FromResult(AuthenticateResult.Fail("Too many failed sign-ins from this address."));
        }

        if (!token.Matches(header[Prefix.Length..].Trim()))
        {
            limits.TryTake(ClientRateLimits.SignIns, client);
            Logger.LogWarning("Failed sign-in from {ClientAddress}: wrong bearer token on {Method} {Path}", client, Request.Method, Request.Path.Value);
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not this dashboard's token."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, DashboardAuth.UserName)], DashboardAuth.BearerScheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        _lockedOut is { } wait
            ? DashboardRateLimits.WriteTooManyAsync(Context, wait)
            : DashboardAuth.WriteUnauthorizedAsync(Context, "Send Authorization: Bearer <token>, or sign in with the login link the dashboard printed at start.");
}
