using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.Options;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Execution;

/// <summary>
/// The base address the engine's workloads call: configuration "Lab:TargetBaseUrl" when set,
/// else this app's own simulated targets at its loopback address + "/sim/". Read at run time,
/// because the port is only known once Kestrel listens (port 0 in tests). A run that chose real
/// targets gets the configured Lab:RealTargets address of its workload and the policy that guards it.
/// </summary>
public sealed class LabTargetAddress(IConfiguration configuration, IServer server, IOptions<RealTargetsOptions>? real = null)
{
    public const string ConfigurationKey = "Lab:TargetBaseUrl";

    /// <summary>The real targets' configuration (validated at start).</summary>
    public RealTargetsOptions Real { get; } = real?.Value ?? new RealTargetsOptions();

    /// <summary>Where <paramref name="plan"/>'s workloads call, with the real targets' policy when it chose them.</summary>
    public WorkloadEnvironment EnvironmentFor(RunPlan plan, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Targets != LabTargets.Real)
        {
            return new WorkloadEnvironment(Resolve(), outputDirectory);
        }

        ThrowIfUnavailable(plan);
        return new WorkloadEnvironment(Real.BaseFor(plan.Parameters)!, outputDirectory, Policy: Real.ToPolicy());
    }

    /// <summary>The base address a run of <paramref name="plan"/> calls (for the stored environment).</summary>
    public string BaseFor(RunPlan plan) =>
        plan.Targets == LabTargets.Real ? Real.BaseFor(plan.Parameters) ?? "unconfigured" : Resolve();

    /// <summary>A real-targets run whose workload has no configured address is refused (400), naming the key.</summary>
    /// <exception cref="InvalidParametersException">The plan chose real targets and none is configured for its workload.</exception>
    public void ThrowIfUnavailable(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Targets == LabTargets.Real && WorkloadCatalog.Of(plan.Parameters).CallsTargets && Real.BaseFor(plan.Parameters) is null)
        {
            throw new InvalidParametersException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["targets"] = [$"targets real needs {RealTargetsOptions.KeyFor(plan.Parameters)} (and {RealTargetsOptions.AllowedHostsKey}) in the server's configuration; it is not set."],
            });
        }
    }

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
