using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter on run creation, import and login, per client address: a fixed
/// window of one minute; a refused request gets 429 with Retry-After and problem details.
/// </summary>
public static class DashboardRateLimits
{
    public const string Runs = "runs";
    public const string Imports = "imports";

    public static IServiceCollection AddDashboardRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .Validate(o => o.RunsPerMinute is >= 1 and <= 100_000 && o.ImportsPerMinute is >= 1 and <= 100_000 && o.LoginsPerMinute is >= 1 and <= 100_000,
                "RateLimits:RunsPerMinute, ImportsPerMinute and LoginsPerMinute must be between 1 and 100000.")
            .ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Runs, context => PerClient(context, o => o.RunsPerMinute));
            limiter.AddPolicy(Imports, context => PerClient(context, o => o.ImportsPerMinute));
            limiter.AddPolicy(LoginEndpoints.RateLimitPolicy, context => PerClient(context, o => o.LoginsPerMinute));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await DashboardAuth.WriteProblemAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This client sent too many of these requests; try again in {seconds} s.");
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<RateLimitOptions, int> permits)
    {
        var limit = permits(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{client}/{limit}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
