using Dashboard.Engine.Workloads;
using Dashboard.Web.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Simulation;

/// <summary>
/// Who may call the simulated targets: the lab (a live capability in
/// <see cref="WorkloadEnvironment.TargetCapabilityHeader"/>, issued per run), people and scripts
/// signed in to the dashboard, everyone when sign-in is off, and everyone when
/// <see cref="OpenTargetsKey"/> is true (for poking the targets by hand). Anyone else gets 401, so
/// an anonymous caller can neither take the targets' rate-limit quota from a running experiment
/// nor add to its latency.
/// </summary>
public static class LabTargetAccess
{
    /// <summary>Configuration key: true opens the targets' GET endpoints to anonymous callers.</summary>
    public const string OpenTargetsKey = "Lab:OpenTargets";

    public static TBuilder RequireLabAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(static (factory, next) =>
        {
            var services = factory.ApplicationServices;
            if (services.GetRequiredService<IConfiguration>().GetValue<bool>(OpenTargetsKey))
            {
                return next;
            }

            var capabilities = services.GetRequiredService<LabCapabilities>();
            var auth = services.GetService<IOptionsMonitor<AuthOptions>>();
            return context =>
            {
                var http = context.HttpContext;
                if (capabilities.IsLive(http.Request.Headers[WorkloadEnvironment.TargetCapabilityHeader])
                    || http.User.Identity?.IsAuthenticated == true
                    || auth?.CurrentValue.Mode == AuthMode.None)
                {
                    return next(context);
                }

                http.Response.Headers.WWWAuthenticate = "Bearer";
                return ValueTask.FromResult<object?>(TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                    title: "Sign-in required",
                    detail: $"The simulated targets answer the lab's runs ({WorkloadEnvironment.TargetCapabilityHeader}), signed-in people and scripts (Authorization: Bearer <token>), or everyone when {OpenTargetsKey} is true."));
            };
        });
}
