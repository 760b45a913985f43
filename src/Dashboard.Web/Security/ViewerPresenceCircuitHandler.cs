using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Web.Security;

/// <summary>
/// Tells <see cref="ViewerPresence"/> when a viewer's page connects and when it goes (the connection
/// drops, or the circuit closes); an owner's circuits are not counted.
/// </summary>
internal sealed class ViewerPresenceCircuitHandler(AuthenticationStateProvider authentication, ViewerPresence presence) : CircuitHandler
{
    private string? _session;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            return;
        }

        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (DashboardSessions.ViewerLinkId(user) is { } link && DashboardSessions.SessionId(user) is { } session)
        {
            _session = session;
            presence.Up(session, link);
        }
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Leave();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Leave();
        return Task.CompletedTask;
    }

    private void Leave()
    {
        if (_session is { } session)
        {
            _session = null;
            presence.Down(session);
        }
    }
}
