using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>"Authorization: Bearer TOKEN" for scripts, the API and the hub's .NET clients.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DashboardToken token)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!token.Matches(header[Prefix.Length..].Trim()))
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not this dashboard's token."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, DashboardAuth.UserName)], DashboardAuth.BearerScheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        DashboardAuth.WriteUnauthorizedAsync(Context, "Send Authorization: Bearer <token>, or sign in with the login link the dashboard printed at start.");
}
