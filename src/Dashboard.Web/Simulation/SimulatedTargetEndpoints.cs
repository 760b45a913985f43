using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Simulation;

/// <summary>
/// The simulated targets under /sim:
/// <list type="bullet">
/// <item>GET /sim/genre: a JSON string, a random music genre (latency: genreLatencyMs).</item>
/// <item>GET /sim/wiki/random: 302 to /sim/wiki/{slug}, instantly (no latency, failure or quota).</item>
/// <item>GET /sim/wiki/{slug}: the article page with its title and first h1 (latency: pageLatencyMs).</item>
/// <item>GET/PUT/DELETE /sim/knobs: read, change (omitted fields keep their value), reset to defaults.</item>
/// </list>
/// The targets answer only the lab's runs, signed-in callers, or everyone when the targets are
/// opened (<see cref="LabTargetAccess"/>); the knobs need the sign-in, reading them too.
/// One logical request (a genre, or redirect + article) pays the latency, the failure rate and the
/// rate limit once: on the genre call and on the article page.
/// </summary>
public static class SimulatedTargetEndpoints
{
    public const string Prefix = "/sim";

    /// <summary>Longest slug served; longer ones are 404 like a missing article.</summary>
    public const int MaxSlugLength = 300;

    private static readonly JsonSerializerOptions KnobsJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>A knobs body is a handful of numbers.</summary>
    public const long MaxKnobsBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapSimulatedTargets(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup(Prefix).WithTags("Simulated targets");

        // Workers, twins and nodes hold no sign-in: they show the run's capability instead.
        var targets = sim.MapGroup("").AllowAnonymous().RequireLabAccess();
        targets.MapGet("/genre", GetGenreAsync);
        targets.MapGet("/wiki/random", GetRandomArticle);
        targets.MapGet("/wiki/{slug}", GetArticleAsync);

        // The knobs need the sign-in (the fallback policy), reading them too; changing them, the owner's.
        sim.MapGet("/knobs", (SimulationKnobs knobs) => TypedResults.Ok(knobs.Current));
        sim.MapPut("/knobs", PutKnobsAsync).RequireJsonContentType().RequireAuthorization(DashboardAuth.OwnerPolicy);
        sim.MapDelete("/knobs", (SimulationKnobs knobs) => TypedResults.Ok(knobs.Reset())).RequireAuthorization(DashboardAuth.OwnerPolicy);
        return app;
    }

    /// <summary>
    /// POST /sim/capabilities (sign-in): a capability for a bench or a script that calls these
    /// targets from elsewhere, live for the run wall-clock limit (Runs:MaxRunWallSeconds);
    /// DELETE /sim/capabilities with the capability in its header ends it early. Not mapped by the
    /// bench's own targets server, which has no sign-in.
    /// </summary>
    public static IEndpointRouteBuilder MapTargetCapabilities(this IEndpointRouteBuilder app)
    {
        var capabilities = app.MapGroup(Prefix + "/capabilities").WithTags("Simulated targets");
        capabilities.MapPost("/", (LabCapabilities issued, IOptions<RunServiceOptions> runs) =>
            {
                var capability = issued.Issue(TimeSpan.FromSeconds(runs.Value.MaxRunWallSeconds));
                return TypedResults.Ok(new TargetCapabilityResponse(capability.Value, WorkloadEnvironment.TargetCapabilityHeader, capability.ExpiresAt));
            })
            .RequireClientLimit(ClientRateLimits.Runs)
            .RequireAuthorization(DashboardAuth.OwnerPolicy);
        capabilities.MapDelete("/", (HttpContext context, LabCapabilities issued) =>
        {
            issued.Revoke(context.Request.Headers[WorkloadEnvironment.TargetCapabilityHeader].ToString());
            return TypedResults.NoContent();
        }).RequireAuthorization(DashboardAuth.OwnerPolicy);
        return app;
    }

    private static async Task GetGenreAsync(
        HttpContext context, SimulationKnobs knobs, SimulationRateLimiter limiter, TimeProvider time)
    {
        var settings = knobs.Current;
        if (!await SimulateAsync(context, settings, settings.GenreLatencyMs, limiter, time))
        {
            return;
        }

        await context.Response.WriteAsJsonAsync(GenreGenerator.Next(), context.RequestAborted);
    }

    private static IResult GetRandomArticle(HttpContext context)
    {
        var slug = ArticleTitleGenerator.ToSlug(ArticleTitleGenerator.Next());
        return TypedResults.Redirect($"{context.Request.PathBase}{Prefix}/wiki/{slug}");
    }

    private static async Task GetArticleAsync(
        string slug, HttpContext context, SimulationKnobs knobs, SimulationRateLimiter limiter,
        TimeProvider time, WikiPageRenderer renderer)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > MaxSlugLength)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var settings = knobs.Current;
        if (!await SimulateAsync(context, settings, settings.PageLatencyMs, limiter, time))
        {
            return;
        }

        var (head, body, tail) = renderer.Render(ArticleTitleGenerator.FromSlug(slug), settings.PageSizeKb);
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = head.Length + body.Length + tail.Length;
        var aborted = context.RequestAborted;
        await response.Body.WriteAsync(head, aborted);
        await response.Body.WriteAsync(body, aborted);
        await response.Body.WriteAsync(tail, aborted);
    }

    /// <summary>
    /// Applies the quota, the latency and the failure rate. False when the response is already
    /// decided (429, 500) or the client went away.
    /// </summary>
    private static async Task<bool> SimulateAsync(
        HttpContext context, SimulationOptions settings, int latencyMs, SimulationRateLimiter limiter, TimeProvider time)
    {
        // The quota answers at once, before any latency, as a real API gateway does.
        if (!limiter.TryAcquire(settings.RateLimitPerSecond, out var retryAfter))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return false;
        }

        var delay = latencyMs + (settings.JitterMs > 0 ? Random.Shared.Next(settings.JitterMs + 1) : 0);
        if (delay > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(delay), time, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return false;
            }
        }

        if (settings.FailureRate > 0 && Random.Shared.NextDouble() < settings.FailureRate)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("simulated failure", context.RequestAborted);
            return false;
        }

        return true;
    }

    private static async Task<IResult> PutKnobsAsync(HttpContext context, SimulationKnobs knobs)
    {
        if (!JsonBody.TryLimit(context, MaxKnobsBytes))
        {
            return JsonBody.TooLarge(MaxKnobsBytes);
        }

        SimulationKnobsUpdate? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<SimulationKnobsUpdate>(
                context.Request.Body, KnobsJson, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            // The path names the field ("$.failureRate"); an unknown field is reported the same way.
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
                ? path[2..]
                : "body";
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [$"{field}: {FirstLine(ex.Message)}"] },
                title: "The knobs body is not valid JSON for the knobs.");
        }

        if (update is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = ["A JSON object of knobs is required."] });
        }

        try
        {
            return TypedResults.Ok(knobs.Update(update.ApplyTo));
        }
        catch (InvalidKnobsException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "A knob is out of range.");
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
