using System.Globalization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Per-client limits on starting runs, importing and signing in (<see cref="ClientRateLimits"/>):
/// an endpoint asks with <see cref="RequireClientLimit{TBuilder}"/>, the middleware takes the
/// permit after routing and sign-in, and a refused request gets 429 with Retry-After and problem details.
/// </summary>
public static class DashboardRateLimits
{
    public static IServiceCollection AddDashboardRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .Validate(o => o.RunsPerMinute is >= 1 and <= 100_000 && o.ImportsPerMinute is >= 1 and <= 100_000 && o.LoginsPerMinute is >= 1 and <= 100_000,
                "RateLimits:RunsPerMinute, ImportsPerMinute and LoginsPerMinute must be between 1 and 100000.")
            .ValidateOnStart();
        services.AddSingleton<ClientRateLimits>();
        return services;
    }

    /// <summary>Each request to the endpoint takes a permit of <paramref name="kind"/> (<see cref="ClientRateLimits"/>) for its client.</summary>
    public static TBuilder RequireClientLimit<TBuilder>(this TBuilder builder, string kind)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ClientLimit(kind));

    /// <summary>Takes the permit of endpoints that asked for one; after routing, sign-in and authorization.</summary>
    public static WebApplication UseClientRateLimits(this WebApplication app)
    {
        app.Use(static async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ClientLimit>() is { } limit
                && context.RequestServices.GetRequiredService<ClientRateLimits>().TryTake(limit.Kind, ClientAddress.Of(context)) is { } wait)
            {
                await WriteTooManyAsync(context, wait);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>429 with Retry-After and problem details.</summary>
    public static Task WriteTooManyAsync(HttpContext context, TimeSpan wait)
    {
        var seconds = ClientRateLimits.Seconds(wait);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return DashboardAuth.WriteProblemAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This client sent too many of these requests; try again in {seconds} s.");
    }
}
