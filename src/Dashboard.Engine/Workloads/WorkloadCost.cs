namespace Dashboard.Engine.Workloads;

/// <summary>
/// Per-task costs every workload shares, for the run budget: CPU seconds of one task in the
/// sequential strategy on our 2-core machine (CPU time, because other load inflates it least, and
/// a budget may err on the high side). Each workload adds its own in its cost model.
/// </summary>
public static class WorkloadCost
{
    /// <summary>Fixed cost of any task (start, events, bookkeeping): 1,000 hellos at 0 ms took 0.021 s of CPU, rounded up.</summary>
    public const double TaskOverheadSeconds = 0.000_1;

    /// <summary>One loopback GET with its JSON read and one file write at 0 ms latency: 100 genre calls took 0.33 s of CPU.</summary>
    public const double HttpCallOverheadSeconds = 0.003;

    /// <summary>Fixed cost of a task in a Python twin (JSON-line events, bookkeeping): 1,000 hellos at 0 ms added 0.04 s of CPU, rounded up.</summary>
    public const double PythonTaskOverheadSeconds = 0.000_1;

    /// <summary>
    /// One loopback GET with requests, its JSON read and one file written, in a Python twin: 200 genre
    /// calls at 0 ms took 0.38 s of CPU beyond the start (1.9 ms each; .NET 1.2 ms), rounded up like <see cref="HttpCallOverheadSeconds"/>.
    /// </summary>
    public const double PythonHttpCallOverheadSeconds = 0.005;

    /// <summary>The fixed cost of one task in the runtime <paramref name="input"/> asks about.</summary>
    public static double TaskOverhead(CostInput input) => input.Python ? PythonTaskOverheadSeconds : TaskOverheadSeconds;

    /// <summary>The fixed cost of one call to the targets in the runtime <paramref name="input"/> asks about.</summary>
    public static double HttpCallOverhead(CostInput input) => input.Python ? PythonHttpCallOverheadSeconds : HttpCallOverheadSeconds;
}
