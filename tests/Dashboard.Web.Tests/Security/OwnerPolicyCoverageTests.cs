using System.Reflection;
using Dashboard.Web.Hubs;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Every way to change something asks for the owner: each mapped endpoint that takes POST, PUT,
/// DELETE or PATCH carries the Owner policy, and each run hub method either reads or is marked
/// [RequiresOwner]. A new endpoint or hub method that forgets it fails here.
/// </summary>
public sealed class OwnerPolicyCoverageTests : IAsyncLifetime
{
    private static readonly string[] Mutating = ["POST", "PUT", "DELETE", "PATCH"];

    /// <summary>The hub methods that only read: everything else must be [RequiresOwner].</summary>
    private static readonly string[] HubReads = [nameof(RunHub.Watch), nameof(RunHub.GetRun), nameof(RunHub.Ping)];

    private readonly DashboardFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public void EveryMutatingEndpoint_RequiresTheOwnerPolicy()
    {
        _ = _app.BaseAddress;
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var checkedCount = 0;
        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            if (!methods.Any(m => Mutating.Contains(m, StringComparer.OrdinalIgnoreCase)) || IsExempt(endpoint))
            {
                continue;
            }

            checkedCount++;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (!policies.Contains(DashboardAuth.OwnerPolicy))
            {
                missing.Add($"{string.Join(",", methods)} {endpoint.RoutePattern.RawText}");
            }
        }

        Assert.Empty(missing);

        // Runs (create, cancel, delete, import), knobs (PUT, DELETE), capabilities (POST, DELETE), links (POST, DELETE).
        Assert.True(checkedCount >= 10, $"only {checkedCount} mutating endpoints were found: is the walk still seeing the app's endpoints?");
    }

    [Fact]
    public void EveryRunHubMethod_ReadsOrRequiresTheOwner()
    {
        var methods = typeof(RunHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            // Overrides of Hub's own (OnDisconnectedAsync) are not hub methods: SignalR skips them too.
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(RunHub)).ToList();

        var unmarked = methods.Where(m => !HubReads.Contains(m.Name) && m.GetCustomAttribute<RequiresOwnerAttribute>() is null)
            .Select(m => m.Name).ToList();

        Assert.Empty(unmarked);
        Assert.NotNull(typeof(RunHub).GetMethod(nameof(RunHub.Cancel))!.GetCustomAttribute<RequiresOwnerAttribute>());
        Assert.All(HubReads, name => Assert.Contains(methods, m => m.Name == name));
    }

    /// <summary>
    /// Not an action of the lab: signing in and out (anonymous by design), the SignalR and Blazor
    /// transports (the hub's methods are checked above, the pages' actions by the pages through the
    /// same policy), and the page endpoints' form posts (the pages take no static forms).
    /// </summary>
    private static bool IsExempt(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText is "/login" or "/logout"
        || endpoint.Metadata.GetMetadata<HubMetadata>() is not null
        || endpoint.RoutePattern.RawText?.StartsWith("/_blazor", StringComparison.Ordinal) == true
        || endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
}
