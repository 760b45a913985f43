namespace Dashboard.Web.Api;

/// <summary>One strategy repetition of a run (spans are in the exports).</summary>
/// <param name="Repetition">Zero-based; warmups are negative.</param>
/// <param name="Spans">Task spans of the repetition (the stored ones may be a sample, see the run's eventsSampled).</param>
public sealed record StrategyResultResponse(
    string Strategy,
    int Repetition,
    double WallSeconds,
    double CpuSeconds,
    int Lanes,
    int TasksOk,
    int TasksFailed,
    string OutputCheck,
    long PeakMemoryBytes,
    bool Cancelled,
    int Spans)
{
    /// <summary>Where this repetition's time went (task-seconds: cpu, ready, wait, startup, transfer); null when not measured.</summary>
    public Engine.Statistics.TimeSplit? TimeSplit { get; init; }

    /// <summary>The runtime's pool adjustments (with reasons) and lock contention during this repetition; null when not listened to.</summary>
    public Engine.Running.RuntimeEvents? RuntimeEvents { get; init; }
}
