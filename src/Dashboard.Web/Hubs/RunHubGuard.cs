using Microsoft.AspNetCore.Authorization;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hubs;

/// <summary>
/// Who may stay connected to the run hub: at most <see cref="RunHubOptions.MaxConnectionsPerClient"/>
/// connections per client address (a negotiate beyond that is a 429, a connection that skipped it
/// is closed with the reason); each hub call only while the caller's sign-in holds
/// (<see cref="DashboardSessions"/>); a method marked <see cref="RequiresOwnerAttribute"/> only for
/// callers who pass <see cref="DashboardAuth.OwnerPolicy"/> (a read-only viewer gets the reason);
/// and a session's connections close the moment it ends (sign-out, or its viewer link revoked).
/// </summary>
public sealed class RunHubGuard : IHubFilter, IDisposable
{
    private const string ClientKey = "dashboard:client";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<HubCallerContext>> _perSession = new(StringComparer.Ordinal);
    private readonly DashboardSessions _sessions;
    private readonly IOptionsMonitor<AuthOptions> _auth;
    private readonly int _max;

    public RunHubGuard(DashboardSessions sessions, IOptionsMonitor<AuthOptions> auth, IOptions<RunHubOptions> options)
    {
        _sessions = sessions;
        _auth = auth;
        _max = options.Value.MaxConnectionsPerClient;
        _sessions.Ended += CloseSession;
    }

    /// <summary>Why <paramref name="client"/> may not open another connection now; null when it may.</summary>
    public string? Refusal(string client)
    {
        lock (_gate)
        {
            return RefusalHeld(client);
        }
    }

    /// <summary>Open connections of <paramref name="client"/> now.</summary>
    public int Connections(string client)
    {
        lock (_gate)
        {
            return _perClient.GetValueOrDefault(client);
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var caller = context.Context;
        var client = ClientAddress.Of(caller.GetHttpContext());
        lock (_gate)
        {
            if (RefusalHeld(client) is { } refused)
            {
                throw new HubException(refused);
            }

            _perClient[client] = _perClient.GetValueOrDefault(client) + 1;
            caller.Items[ClientKey] = client;
            if (DashboardSessions.SessionId(caller.User) is { } session)
            {
                (_perSession.TryGetValue(session, out var set) ? set : _perSession[session] = []).Add(caller);
            }
        }

        try
        {
            await next(context);
        }
        catch
        {
            Release(caller);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        Release(context.Context);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (_auth.CurrentValue.Mode != AuthMode.None && !_sessions.IsCurrent(invocationContext.Context.User))
        {
            invocationContext.Context.Abort();
            throw new HubException("This sign-in has ended (signed out, or the dashboard has a new token): sign in again.");
        }

        if (invocationContext.HubMethod.IsDefined(typeof(RequiresOwnerAttribute), inherit: false))
        {
            var authorization = invocationContext.ServiceProvider.GetRequiredService<IAuthorizationService>();
            var result = await authorization.AuthorizeAsync(invocationContext.Context.User ?? new System.Security.Claims.ClaimsPrincipal(), DashboardAuth.OwnerPolicy);
            if (!result.Succeeded)
            {
                throw new HubException(result.Failure?.FailureReasons.FirstOrDefault()?.Message ?? DashboardAuth.ViewerRefusal);
            }
        }

        return await next(invocationContext);
    }

    public void Dispose() => _sessions.Ended -= CloseSession;

    private string? RefusalHeld(string client) =>
        _perClient.GetValueOrDefault(client) >= _max
            ? $"This client already has {_max} connections to the run hub ({RunHubOptions.SectionName}:{nameof(RunHubOptions.MaxConnectionsPerClient)}); close one first."
            : null;

    private void Release(HubCallerContext caller)
    {
        lock (_gate)
        {
            if (caller.Items.Remove(ClientKey, out var value) && value is string client && _perClient.TryGetValue(client, out var count))
            {
                if (count <= 1)
                {
                    _perClient.Remove(client);
                }
                else
                {
                    _perClient[client] = count - 1;
                }
            }

            if (DashboardSessions.SessionId(caller.User) is { } session && _perSession.TryGetValue(session, out var set))
            {
                set.Remove(caller);
                if (set.Count == 0)
                {
                    _perSession.Remove(session);
                }
            }
        }
    }

    private void CloseSession(string session)
    {
        HubCallerContext[] open;
        lock (_gate)
        {
            open = _perSession.TryGetValue(session, out var set) ? [.. set] : [];
        }

        foreach (var caller in open)
        {
            caller.Abort();
        }
    }
}
