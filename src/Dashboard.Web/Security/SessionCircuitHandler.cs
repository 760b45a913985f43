using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// A Blazor circuit holds while its sign-in does: every message from the browser (a click, a
/// navigation, a render acknowledgement) is checked against <see cref="DashboardSessions"/>, and
/// the first one after a sign-out or a token change ends the circuit. Reloading the page then
/// leads to the sign-in page, since the cookie no longer signs anyone in.
/// </summary>
internal sealed class SessionCircuitHandler(
    AuthenticationStateProvider authentication,
    DashboardSessions sessions,
    IOptionsMonitor<AuthOptions> auth,
    ILogger<SessionCircuitHandler> logger) : CircuitHandler
{
    private ClaimsPrincipal? _user;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (auth.CurrentValue.Mode != AuthMode.None)
            {
                _user ??= (await authentication.GetAuthenticationStateAsync()).User;
                if (!sessions.IsCurrent(_user))
                {
                    logger.LogInformation("Circuit {CircuitId} ended: its sign-in has ended (signed out, or a new token)", context.Circuit.Id);
                    throw new InvalidOperationException("This sign-in has ended (signed out, or the dashboard has a new token): sign in again.");
                }
            }

            await next(context);
        };
}
