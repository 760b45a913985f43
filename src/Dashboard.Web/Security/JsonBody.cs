using Microsoft.AspNetCore.Http.Features;

namespace Dashboard.Web.Security;

/// <summary>Rules for request bodies of the API: JSON only, and a size cap that holds for chunked bodies too.</summary>
public static class JsonBody
{
    /// <summary>
    /// An endpoint filter: 415 unless the request says Content-Type: application/json (a
    /// cross-site form or no-cors fetch cannot send that without a preflight).
    /// </summary>
    public static TBuilder RequireJsonContentType<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static async (context, next) =>
        {
            var request = context.HttpContext.Request;
            if (!request.HasJsonContentType())
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                    detail: "The body must be JSON, sent with Content-Type: application/json.");
            }

            return await next(context);
        });

    /// <summary>
    /// Caps the body at <paramref name="maxBytes"/> before it is read: Kestrel then refuses a larger
    /// body, declared or chunked, with a 413 (turned into problem details by <see cref="ApiExceptionHandler"/>).
    /// </summary>
    public static bool TryLimit(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            return false;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        return true;
    }

    public static IResult TooLarge(long maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
            detail: $"This body may be at most {Describe(maxBytes)}.");

    public static string Describe(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";
}
