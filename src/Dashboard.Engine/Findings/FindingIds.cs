namespace Dashboard.Engine.Findings;

/// <summary>
/// The findings' ids, as the bench JSON, the API and the warnings reference write them. Which
/// finders exist is <see cref="FindingCatalog"/>'s to say.
/// </summary>
public static class FindingIds
{
    public const string SyncOverAsync = "sync-over-async";
    public const string UnevenShares = "uneven-shares";
    public const string StartupDominates = "startup-dominates";
    public const string TasksTooShort = "tasks-too-short";
    public const string KernelBound = "kernel-bound";
    public const string Failures = "failures";
    public const string GilBound = "gil-bound";

    /// <summary>The thread pool added threads for starvation (the runtime's adjustment reason 6).</summary>
    public const string PoolStarvation = "pool-starvation";

    /// <summary>Lock contention waits over 10 % of the wall (the runtime's contention events).</summary>
    public const string LockContention = "lock-contention";

    /// <summary>Grain turns on lab nodes that blocked for most of the tasks' time (the nodes' grain call filter).</summary>
    public const string BlockingGrain = "blocking-grain";
}
