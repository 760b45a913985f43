using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// No anonymous network by accident. With Auth:Mode None: the app refuses to start when it listens
/// on anything but loopback (unless Auth:AllowAnonymousNetwork), a request that reached it through
/// a non-loopback address anyway is refused (403), and host filtering admits only loopback names
/// ("localhost", "127.0.0.1", "[::1]") unless AllowedHosts names others, so a page on another site
/// cannot reach it through DNS rebinding (Host: evil.example:PORT is a 400).
/// </summary>
public sealed class AnonymousNetworkGuard(IServer server, IOptionsMonitor<AuthOptions> auth) : IHostedLifecycleService
{
    /// <summary>The host names admitted with sign-in off when AllowedHosts names none.</summary>
    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static IServiceCollection AddAnonymousNetworkGuard(IServiceCollection services)
    {
        services.AddHostedService<AnonymousNetworkGuard>();
        services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<AuthOptions>>((hosts, options) =>
        {
            // Runs after the host's own PostConfigure, which turns an unset AllowedHosts into "*".
            if (options.Value.Mode == AuthMode.None && hosts.AllowedHosts.Contains("*") && !options.Value.AllowAnonymousNetwork)
            {
                hosts.AllowedHosts = [.. LoopbackHosts];
            }
        });
        return services;
    }

    /// <summary>Refuses (403) a request that reached the app on a network address while sign-in is off and that is not allowed.</summary>
    public static async Task RefuseAnonymousNetworkAsync(HttpContext context, RequestDelegate next)
    {
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>().CurrentValue;
        if (options.Mode == AuthMode.None && !options.AllowAnonymousNetwork
            && context.Connection.LocalIpAddress is { } local && !IPAddress.IsLoopback(local))
        {
            await DashboardAuth.WriteProblemAsync(context, StatusCodes.Status403Forbidden, "Sign-in is off",
                "Auth:Mode is None, so the dashboard answers loopback only; set Auth:Mode=Token, or Auth:AllowAnonymousNetwork=true.");
            return;
        }

        await next(context);
    }

    /// <summary>True for an address Kestrel listens on that only this machine can reach.</summary>
    public static bool IsLoopback(string address)
    {
        var host = BindingAddress.Parse(address).Host;
        return host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>Once the server listens: with sign-in off, every address must be loopback, or the start fails naming them.</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var options = auth.CurrentValue;
        if (options.Mode != AuthMode.None || options.AllowAnonymousNetwork)
        {
            return Task.CompletedTask;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var network = addresses.Where(a => !IsLoopback(a)).ToList();
        if (network.Count > 0)
        {
            throw new StartupRefusedException(
                $"Auth:Mode is None (no sign-in) and the dashboard listens on {string.Join(", ", network)}: anyone on the network would control it. " +
                "Listen on loopback only (e.g. --urls http://127.0.0.1:5080), set Auth:Mode=Token, or set Auth:AllowAnonymousNetwork=true if that is what you want.");
        }

        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
