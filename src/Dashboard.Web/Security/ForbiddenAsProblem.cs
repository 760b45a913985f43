using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Dashboard.Web.Security;

/// <summary>
/// A refusal that says why: when a policy fails with a reason (a read-only viewer on an owner's
/// endpoint), the 403 carries it as problem details; everything else goes to the framework's
/// handler (401 challenges, the cookie's own 403).
/// </summary>
internal sealed class ForbiddenAsProblem : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault() is { } reason)
        {
            return DashboardAuth.WriteProblemAsync(context, StatusCodes.Status403Forbidden, "Read-only viewer", reason.Message);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
