using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Running;

/// <summary>The measured result of one strategy repetition.</summary>
/// <param name="Repetition">Zero-based; warmups are negative and excluded from statistics.</param>
/// <param name="WallSeconds">From strategy start to the last task's end, including process start.</param>
/// <param name="CpuSeconds">CPU time of this process during the repetition plus that of its worker processes.</param>
/// <param name="Lanes">Distinct lanes (pid:tid) tasks ran on.</param>
/// <param name="OutputCheck">"ok" or a sentence saying what is wrong with the outputs.</param>
/// <param name="PeakMemoryBytes">Peak working set sampled in this process during the repetition, plus each worker process's own peak.</param>
public sealed record StrategyResult(
    string Strategy,
    int Repetition,
    double WallSeconds,
    double CpuSeconds,
    int Lanes,
    int TasksOk,
    int TasksFailed,
    string OutputCheck,
    long PeakMemoryBytes,
    IReadOnlyList<TaskSpan> Spans,
    bool Cancelled = false)
{
    /// <summary>True when every task succeeded and the output check passed.</summary>
    public bool Succeeded => !Cancelled && TasksFailed == 0 && OutputCheck == "ok";

    /// <summary>True for a warmup: it runs first and never counts.</summary>
    public bool IsWarmup => Repetition < 0;

    /// <summary>True for a repetition every statistic counts: not a warmup, not cancelled.</summary>
    public bool IsMeasured => !IsWarmup && !Cancelled;

    /// <summary>"threads #2", or "threads warmup 1": the repetition as traces name it.</summary>
    public string RepetitionName() => IsWarmup ? $"{Strategy} warmup {-Repetition}" : $"{Strategy} #{Repetition + 1}";

    /// <summary>
    /// Process strategies only: seconds from starting each worker process to its first message
    /// (the price of a process start); null for in-process strategies.
    /// </summary>
    public IReadOnlyList<double>? WorkerStartSeconds { get; init; }

    /// <summary>The lab nodes the cluster strategy used in this repetition; null for every other strategy.</summary>
    public IReadOnlyList<Cluster.ClusterNode>? Nodes { get; init; }

    /// <summary>
    /// Runtime counters of every process that ran this repetition's tasks (this one and its workers),
    /// in time order; null when counters were not sampled.
    /// </summary>
    public IReadOnlyList<CounterSample>? Counters { get; init; }

    /// <summary>
    /// What the .NET runtime reported while this repetition ran (thread-pool adjustments with their
    /// reason, lock contention), this process's and its workers' together; null when not listened to
    /// (counters off, a Python twin's own process, older runs).
    /// </summary>
    public RuntimeEvents? RuntimeEvents { get; init; }

    /// <summary>
    /// This process's working set just before the repetition's first task (the base that
    /// <see cref="BytesPerTask"/> subtracts); null where not measured (imported or stored runs).
    /// </summary>
    public long? BaselineMemoryBytes { get; init; }

    /// <summary>
    /// Memory per task in flight: this process's peak working set above <see cref="BaselineMemoryBytes"/>,
    /// divided by the most tasks that were in flight at once. Null for strategies whose tasks run in
    /// other processes (workers, nodes, Python), where this process's memory says nothing about them.
    /// </summary>
    public double? BytesPerTask()
    {
        if (BaselineMemoryBytes is not { } baseline || StrategyCatalog.Of(Strategy) is not { Placement: StrategyPlacement.InProcess }
            || PythonTwins.IsTwinKey(Strategy) || MaxInFlight() is not (> 0 and var inFlight))
        {
            return null;
        }

        return Math.Round(Math.Max(0, PeakMemoryBytes - baseline) / (double)inFlight, 1);
    }

    /// <summary>The most tasks running at once, from the spans (<see cref="MaxInFlight(IEnumerable{TaskSpan})"/>).</summary>
    public int MaxInFlight() => MaxInFlight(Spans);

    /// <summary>The most of <paramref name="spans"/> running at once; a span that starts as another ends does not overlap it.</summary>
    public static int MaxInFlight(IEnumerable<TaskSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);

        // Two sorted arrays of doubles, not a sorted list of edges: a million spans cost 16 MB here.
        // The spans are read once and not kept (a stored run's are decoded as they are read).
        var startList = new List<double>();
        var endList = new List<double>();
        foreach (var span in spans)
        {
            if (span.End > span.Start)
            {
                startList.Add(span.Start);
                endList.Add(span.End);
            }
        }

        var starts = startList.ToArray();
        var ends = endList.ToArray();
        Array.Sort(starts);
        Array.Sort(ends);
        int now = 0, most = 0;
        for (int s = 0, e = 0; s < starts.Length;)
        {
            // An end at the same moment as a start comes first: touching spans do not overlap.
            if (ends[e] <= starts[s])
            {
                now--;
                e++;
            }
            else
            {
                now++;
                s++;
                most = Math.Max(most, now);
            }
        }

        return most;
    }
}
