using System.Text.Json.Serialization;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// Where a workload runs: the base address of the targets (e.g. "http://127.0.0.1:5000/sim/")
/// and the run's output folder. Serialised to worker processes with the parameters.
/// </summary>
/// <param name="RequestTimeoutMs">
/// How long one HTTP request of the genre and scrape workloads may take before its task fails
/// with a timeout; null = <see cref="DefaultRequestTimeoutMs"/>. Carried here (not in a static)
/// so worker processes apply the same limit as the parent.
/// </param>
/// <param name="Policy">The real targets' rules (<see cref="TargetPolicy"/>); null = the simulated targets.</param>
public sealed record WorkloadEnvironment(string TargetBaseUrl, string OutputDirectory, int? RequestTimeoutMs = null, TargetPolicy? Policy = null)
{
    /// <summary>The request timeout when none is given: 30 s.</summary>
    public const int DefaultRequestTimeoutMs = 30_000;

    /// <summary>The longest request timeout accepted: 10 minutes.</summary>
    public const int MaxRequestTimeoutMs = 600_000;

    /// <summary>
    /// The run's capability for the simulated targets: a random value the app issues per run and
    /// hands to the parent, its workers, twins and nodes with the job (never in a URL); every request
    /// to the targets carries it in the <see cref="TargetCapabilityHeader"/> header. Null for real
    /// targets and where the targets are open.
    /// </summary>
    public string? TargetCapability { get; init; }

    /// <summary>
    /// The run's id in the app's store, for the lab nodes: a node derives its own output folder from
    /// it and the repetition (it never takes a path from a call). Null where there is no stored run.
    /// Not sent to worker processes or twins.
    /// </summary>
    [JsonIgnore]
    public long? RunId { get; init; }

    /// <summary>The request header that carries <see cref="TargetCapability"/>.</summary>
    public const string TargetCapabilityHeader = "X-Lab-Capability";

    /// <summary>The request timeout in force.</summary>
    [JsonIgnore]
    public TimeSpan RequestTimeout => TimeSpan.FromMilliseconds(RequestTimeoutMs ?? DefaultRequestTimeoutMs);
}
