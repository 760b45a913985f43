using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// One sign-in for every surface: pages, API, hub, knobs. A policy scheme picks the bearer
/// handler when an Authorization header is present and the cookie otherwise; the fallback
/// authorization policy (signed in: the owner or a viewer) covers every endpoint that does not say
/// [AllowAnonymous]; <see cref="OwnerPolicy"/> guards everything that changes something.
/// </summary>
public static class DashboardAuth
{
    public const string PolicyScheme = "Dashboard";
    public const string BearerScheme = "Bearer";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = ".Dashboard.Auth";
    public const string UserName = "dashboard";
    public const string ViewerName = "viewer";

    /// <summary>
    /// The policy on every endpoint, hub method and page action that changes something (run, cancel,
    /// delete, import, label, knobs, capabilities, viewer links): the owner (the token's holder, by
    /// cookie or bearer) passes, a read-only viewer is refused with <see cref="ViewerRefusal"/>.
    /// </summary>
    public const string OwnerPolicy = "Owner";

    /// <summary>Why a read-only viewer is refused (the 403's detail, the hub's error, the pages' note).</summary>
    public const string ViewerRefusal = "You are signed in with a read-only viewer link: you can watch runs, history, exports and comparisons, "
        + "but starting, cancelling, deleting, importing or relabelling runs, changing the targets' knobs and sharing links are for the dashboard's owner.";

    /// <summary>Paths answered for programs: a missing sign-in is a 401 problem, never a redirect to the login page.</summary>
    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/sim")
        || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/openapi");

    public static IServiceCollection AddDashboardAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, ValidateAuthOptions>();
        services.AddSingleton<DashboardToken>();
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<ViewerLinks>();
        services.AddSingleton<ViewerPresence>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, ViewerPresenceCircuitHandler>());
        services.AddScoped<DashboardAccess>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenAsProblem>();
        services.AddSingleton<DashboardSessions>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, SessionCircuitHandler>());
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitClient>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitClientCapture>());

        services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "Token or cookie", o =>
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? BearerScheme : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerScheme, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = LoginEndpoints.Path;
                o.LogoutPath = LoginEndpoints.LogoutPath;
                o.ReturnUrlParameter = LoginEndpoints.ReturnUrlParameter;
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context =>
                {
                    if (IsMachinePath(context.Request.Path))
                    {
                        return WriteUnauthorizedAsync(context.HttpContext,
                            "Sign in first: send Authorization: Bearer <token>, or open the login link the dashboard printed at start.");
                    }

                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
                // Every request: the cookie's session must be under the current token and not signed out.
                o.Events.OnValidatePrincipal = async context =>
                {
                    if (!context.HttpContext.RequestServices.GetRequiredService<DashboardSessions>().IsCurrent(context.Principal))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieScheme);
                    }
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = TimeSpan.FromDays(auth.Value.CookieDays));

        services.AddSingleton<IAuthorizationHandler, DashboardAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, OwnerHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(PolicyScheme)
                .AddRequirements(new DashboardAccessRequirement())
                .Build())
            .AddPolicy(OwnerPolicy, new AuthorizationPolicyBuilder(PolicyScheme)
                .AddRequirements(new DashboardAccessRequirement(), new OwnerRequirement())
                .Build());
        return services;
    }

    /// <summary>401 with problem details (and a WWW-Authenticate header naming the bearer scheme).</summary>
    public static async Task WriteUnauthorizedAsync(HttpContext context, string detail)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(context, StatusCodes.Status401Unauthorized, "Sign-in required", detail);
    }

    /// <summary>Writes an application/problem+json body, whatever the request accepts.</summary>
    public static Task WriteProblemAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);

    /// <summary>Logs the login link for every address the server listens on (or a warning when sign-in is off).</summary>
    public static void LogLoginLinks(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dashboard.Web.Security");
            var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
            var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
            if (options.Mode == AuthMode.None)
            {
                logger.LogWarning(
                    "Auth:Mode is None: anyone who can reach {Addresses} controls this dashboard (runs, knobs, imports, deletes)",
                    string.Join(", ", addresses));
                return;
            }

            var token = app.Services.GetRequiredService<DashboardToken>();
            foreach (var address in addresses)
            {
                var link = string.Create(CultureInfo.InvariantCulture, $"{Browsable(address)}{LoginEndpoints.Path}?{LoginEndpoints.TokenParameter}={Uri.EscapeDataString(token.Value)}");

                // On the console on purpose (like Aspire's dashboard): the person who started it opens
                // this link. It holds the token, so the log file never gets it (DashboardLogging).
                logger.LogWarning("Login: {" + Logging.DashboardLogging.ConsoleOnlyProperty + "}", link);
            }

            logger.LogInformation("The login link for {Addresses} is on the console only; the log file never holds the token", string.Join(", ", addresses.Select(Browsable)));

            if (token.Generated)
            {
                logger.LogInformation("The sign-in token was made at start; set Auth:Token (Auth__Token) to keep one across restarts");
            }
        });
    }

    private static string Browsable(string address)
    {
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal));
        return uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Signed in, or sign-in turned off (Auth:Mode=None), read at request time.</summary>
    private sealed class DashboardAccessRequirement : IAuthorizationRequirement;

    private sealed class DashboardAccessHandler(IOptionsMonitor<AuthOptions> options) : AuthorizationHandler<DashboardAccessRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DashboardAccessRequirement requirement)
        {
            if (options.CurrentValue.Mode == AuthMode.None || context.User.Identity?.IsAuthenticated == true)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Not a read-only viewer: the owner, or anyone when sign-in is off (Auth:Mode=None).</summary>
    private sealed class OwnerRequirement : IAuthorizationRequirement;

    private sealed class OwnerHandler(IOptionsMonitor<AuthOptions> options) : AuthorizationHandler<OwnerRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnerRequirement requirement)
        {
            if (options.CurrentValue.Mode == AuthMode.None
                || (context.User.Identity?.IsAuthenticated == true && DashboardSessions.ViewerLinkId(context.User) is null))
            {
                context.Succeed(requirement);
            }
            else if (context.User.Identity?.IsAuthenticated == true)
            {
                context.Fail(new AuthorizationFailureReason(this, ViewerRefusal));
            }

            return Task.CompletedTask;
        }
    }
}
