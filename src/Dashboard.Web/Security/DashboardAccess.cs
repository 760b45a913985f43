using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Security;

/// <summary>
/// What a page's user may do, decided by the same <see cref="DashboardAuth.OwnerPolicy"/> as the
/// API and the hub: pages hide or disable their actions for a read-only viewer (with
/// <see cref="DashboardAuth.ViewerRefusal"/> as the reason) and check again before they act.
/// One per circuit; the answer is kept (a sign-in does not change its kind).
/// </summary>
public sealed class DashboardAccess(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    private bool? _owner;

    /// <summary>True for the owner (or anyone with sign-in off); false for a read-only viewer.</summary>
    public async Task<bool> IsOwnerAsync()
    {
        if (_owner is { } known)
        {
            return known;
        }

        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var result = await authorization.AuthorizeAsync(user, DashboardAuth.OwnerPolicy);
        _owner = result.Succeeded;
        return result.Succeeded;
    }
}
