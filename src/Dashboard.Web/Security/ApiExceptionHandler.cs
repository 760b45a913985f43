using Microsoft.AspNetCore.Diagnostics;

namespace Dashboard.Web.Security;

/// <summary>
/// Errors on program-facing paths (/api, /hubs, /sim, /login) answer with problem details in every
/// environment; the message of an unexpected exception is shown in Development only, never a stack trace.
/// Page errors fall through to the /error page.
/// </summary>
public sealed class ApiExceptionHandler(IHostEnvironment environment, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            // Kestrel's own refusals (a body over its cap, chunked or not; a malformed request).
            var tooLarge = bad.StatusCode == StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(statusCode: bad.StatusCode, title: tooLarge ? "Request too large" : "Bad request",
                    detail: tooLarge ? "The body is larger than this endpoint accepts." : "The request could not be read.")
                .ExecuteAsync(httpContext);
            return true;
        }

        // The middleware has already pointed Request.Path at /error; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : httpContext.Request.Path;
        if (!DashboardAuth.IsMachinePath(path) && !path.StartsWithSegments(LoginEndpoints.Path))
        {
            return false;
        }

        logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, path.Value);
        await Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Unexpected error",
                detail: environment.IsDevelopment()
                    ? exception.Message
                    : $"The dashboard hit an unexpected error; it is in the log under request id {httpContext.TraceIdentifier}.")
            .ExecuteAsync(httpContext);
        return true;
    }
}
