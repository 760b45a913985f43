using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// GET /login?t=TOKEN (the link printed at start) signs in and redirects; GET /login?v=LINK (a
/// read-only viewer link the owner made on the Share page) signs a viewer in; GET /login shows a
/// form where the token can be pasted; POST /login takes that form; POST /logout signs out.
/// </summary>
public static class LoginEndpoints
{
    public const string Path = "/login";
    public const string LogoutPath = "/logout";
    public const string TokenParameter = "t";
    public const string ViewerParameter = "v";
    public const string ReturnUrlParameter = "returnUrl";

    /// <summary>The sign-in form holds a token (at most 512 characters) and a return path (at most 2,048): 8 KB is plenty.</summary>
    public const long MaxFormBytes = 8 * 1024;

    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = 16,
        KeyLengthLimit = 64,
        ValueLengthLimit = (int)MaxFormBytes,
        MultipartBodyLengthLimit = MaxFormBytes,
    };

    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, LoginWithLinkAsync).AllowAnonymous().ExcludeFromDescription().RequireClientLimit(ClientRateLimits.SignIns);
        endpoints.MapPost(Path, LoginWithFormAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery().RequireClientLimit(ClientRateLimits.SignIns);
        endpoints.MapPost(LogoutPath, LogoutAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        return endpoints;
    }

    /// <summary>Only a path on this site (never "//host" or "/\host"), else "/".</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2048 } url && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";

    private static async Task<IResult> LoginWithLinkAsync(HttpContext context, DashboardToken token, IOptionsMonitor<AuthOptions> options)
    {
        var returnUrl = SafeReturnUrl(context.Request.Query[ReturnUrlParameter]);
        if (options.CurrentValue.Mode == AuthMode.None)
        {
            return Results.Redirect(returnUrl);
        }

        if (context.Request.Query[ViewerParameter].Count > 0)
        {
            return await SignInViewerAsync(context, context.Request.Query[ViewerParameter].ToString(),
                context.Request.Query[ReturnUrlParameter].Count > 0 ? returnUrl : Routes.AppRoutes.History);
        }

        string? candidate = context.Request.Query[TokenParameter];
        if (candidate is null)
        {
            return Page(returnUrl, error: null, StatusCodes.Status200OK);
        }

        return await SignInAsync(context, token, candidate, returnUrl);
    }

    private static async Task<IResult> LoginWithFormAsync(HttpContext context, DashboardToken token, IOptionsMonitor<AuthOptions> options)
    {
        if (!context.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "POST /login takes an HTML form (application/x-www-form-urlencoded).");
        }

        // Capped before it is read, declared or chunked: an oversize form is a 413, never a 500.
        if (!JsonBody.TryLimit(context, MaxFormBytes))
        {
            return JsonBody.TooLarge(MaxFormBytes);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(FormLimits, context.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            return Results.Problem(statusCode: ex.StatusCode, title: ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request",
                detail: $"The sign-in form is at most {JsonBody.Describe(MaxFormBytes)}.");
        }
        catch (InvalidDataException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                detail: $"The sign-in form holds a token and a return path, at most {JsonBody.Describe(MaxFormBytes)} in all.");
        }

        var returnUrl = SafeReturnUrl(form[ReturnUrlParameter]);
        if (options.CurrentValue.Mode == AuthMode.None)
        {
            return Results.Redirect(returnUrl);
        }

        return await SignInAsync(context, token, form["token"].ToString().Trim(), returnUrl);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, DashboardToken token, string candidate, string returnUrl)
    {
        if (!token.Matches(candidate))
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoginEndpoints))
                .LogWarning("Failed sign-in from {ClientAddress}: wrong token on {Method} {Path}", ClientAddress.Of(context), context.Request.Method, Path);
            return Page(returnUrl, "That is not this dashboard's token. Copy the whole login link from the console where the dashboard started.",
                StatusCodes.Status401Unauthorized);
        }

        var sessions = context.RequestServices.GetRequiredService<DashboardSessions>();
        await context.SignInAsync(DashboardAuth.CookieScheme, sessions.NewSession(), new AuthenticationProperties { IsPersistent = true });

        // 303: the browser follows with a GET, and the token leaves the address bar.
        return new SeeOther(returnUrl);
    }

    private static async Task<IResult> SignInViewerAsync(HttpContext context, string linkToken, string returnUrl)
    {
        var sessions = context.RequestServices.GetRequiredService<DashboardSessions>();

        // The same viewer opening the link again keeps its session: it is counted once.
        var current = await context.AuthenticateAsync(DashboardAuth.CookieScheme);
        if (current.Principal is { } already && DashboardSessions.ViewerLinkId(already) is { } held
            && linkToken.StartsWith(held + ".", StringComparison.Ordinal) && sessions.IsCurrent(already))
        {
            return new SeeOther(returnUrl);
        }

        var (viewer, outcome) = sessions.NewViewerSession(linkToken);
        if (viewer is null)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoginEndpoints))
                .LogWarning("Viewer sign-in refused from {ClientAddress}: {Reason}", ClientAddress.Of(context), outcome.Refusal);
            return Page(returnUrl, outcome.Refusal, StatusCodes.Status403Forbidden);
        }

        await context.SignInAsync(DashboardAuth.CookieScheme, viewer, new AuthenticationProperties { IsPersistent = true, ExpiresUtc = outcome.ExpiresAt });
        return new SeeOther(returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Ended on the server, not only in this browser: a copy of the cookie no longer works either.
        var signedIn = await context.AuthenticateAsync(DashboardAuth.CookieScheme);
        sessions.End(signedIn.Principal);
        await context.SignOutAsync(DashboardAuth.CookieScheme);
        return new SeeOther(Path);
    }

    private static IResult Page(string returnUrl, string? error, int status)
    {
        var message = error is null ? "" : $"""<p class="error" role="alert" id="login-error">{WebUtility.HtmlEncode(error)}</p>""";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>Sign in · Concurrency Dashboard</title>
            <style>
              :root { color-scheme: light dark; }
              body { font-family: system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
              main { max-width: 32rem; padding: 2rem; border: 1px solid GrayText; border-radius: 12px; }
              h1 { font-size: 1.5rem; margin-top: 0; }
              label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
              input { width: 100%; box-sizing: border-box; font: inherit; padding: .6rem; border-radius: 6px; border: 1px solid GrayText; }
              button { margin-top: 1rem; font: inherit; padding: .6rem 1.4rem; border-radius: 6px; border: 0; background: #5b3cc4; color: #fff; cursor: pointer; }
              button:focus-visible, input:focus-visible { outline: 3px solid #ffb300; outline-offset: 2px; }
              .error { color: #b00020; font-weight: 600; }
              @media (prefers-color-scheme: dark) { .error { color: #ff8a80; } }
              code { font-size: .9em; }
            </style>
            </head>
            <body>
            <main>
            <h1>Sign in to the Concurrency Dashboard</h1>
            <p>Open the login link the dashboard printed when it started (<code>Login: http://…/login?t=…</code>), or paste its token here.
            A read-only viewer opens the link the owner shared (<code>/login?v=…</code>) instead.</p>
            {{message}}
            <form method="post" action="{{Path}}">
              <label for="token">Token</label>
              <input id="token" name="token" type="password" autocomplete="current-password" required autofocus maxlength="{{AuthOptions.MaxTokenLength}}" />
              <input type="hidden" name="{{ReturnUrlParameter}}" value="{{WebUtility.HtmlEncode(returnUrl)}}" />
              <button type="submit" id="sign-in">Sign in</button>
            </form>
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>303 See Other.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }
    }
}
