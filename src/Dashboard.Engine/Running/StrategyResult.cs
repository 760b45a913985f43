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
}
