using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Web.Runs;

/// <summary>
/// The base address the engine's workloads call: configuration "Lab:TargetBaseUrl" when set,
/// else this app's own simulated targets at its loopback address + "/sim/". Read at run time,
/// because the port is only known once Kestrel listens (port 0 in tests).
/// </summary>
public sealed class LabTargetAddress(IConfiguration configuration, IServer server)
{
    public const string ConfigurationKey = "Lab:TargetBaseUrl";

    public string Resolve()
    {
        var configured = configuration[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.EndsWith('/') ? configured : configured + "/";
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var bindings = addresses
            .Select(a => BindingAddress.Parse(a))
            .Where(b => !b.IsNamedPipe && !b.IsUnixPipe)
            .OrderBy(b => b.Scheme == "http" ? 0 : 1)
            .ToList();
        if (bindings.Count == 0)
        {
            throw new InvalidOperationException(
                $"This app listens on no TCP address the engine could call, so it cannot find its simulated targets. Set {ConfigurationKey} (e.g. http://127.0.0.1:5000/sim/).");
        }

        var binding = bindings[0];
        return $"{binding.Scheme}://{LoopbackHost(binding.Host)}:{binding.Port}/sim/";
    }

    // Wildcard and name bindings are reachable on IPv4 loopback; an explicit address is used as is.
    private static string LoopbackHost(string host) => host switch
    {
        "0.0.0.0" or "[::]" or "::" or "+" or "*" or "localhost" or "" => "127.0.0.1",
        _ => host,
    };
}
