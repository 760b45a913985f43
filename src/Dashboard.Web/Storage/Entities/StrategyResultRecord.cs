namespace Dashboard.Web.Storage.Entities;

/// <summary>One row of <c>strategy_results</c>: one strategy repetition of a run, measured exactly.</summary>
public sealed class StrategyResultRecord
{
    public long Id { get; set; }

    public long RunId { get; set; }

    /// <summary>Execution order within the run (0, 1, 2, ...), so results load in the order they ran.</summary>
    public int Ordinal { get; set; }

    public string Strategy { get; set; } = "";

    /// <summary>Zero-based; warmups are negative.</summary>
    public int Repetition { get; set; }

    public double WallSeconds { get; set; }

    public double CpuSeconds { get; set; }

    public int Lanes { get; set; }

    public int TasksOk { get; set; }

    public int TasksFailed { get; set; }

    public string OutputCheck { get; set; } = "";

    public long PeakMemoryBytes { get; set; }

    public bool Cancelled { get; set; }

    /// <summary>How many spans the repetition had; may exceed the rows stored when the run is sampled.</summary>
    public int SpanCount { get; set; }

    /// <summary>
    /// The repetition's runtime counter samples as a JSON array (at most
    /// <c>CounterSampler.MaxSamples</c>); null when counters were not sampled.
    /// </summary>
    public string? CountersJson { get; set; }

    /// <summary>Seconds each worker process or interpreter took to start, as a JSON array; null for in-process strategies.</summary>
    public string? WorkerStartJson { get; set; }

    /// <summary>The runtime's events (<see cref="Dashboard.Engine.Running.RuntimeEvents"/>) as JSON; null when not listened to.</summary>
    public string? RuntimeEventsJson { get; set; }

    /// <summary>
    /// The stored spans as one compressed columnar blob (<see cref="Columns.SpanBlob"/>); null for
    /// runs stored before blobs, whose spans are rows of <c>task_spans</c>.
    /// </summary>
    public byte[]? SpansBlob { get; set; }

    /// <summary>Spans in <see cref="SpansBlob"/> (the stored sample; <see cref="SpanCount"/> is the repetition's whole count).</summary>
    public int BlobSpanCount { get; set; }

    /// <summary>Bytes this result takes as retention counts them (<see cref="RunRecord.StoredBytes"/>).</summary>
    public long StoredBytes { get; set; }

    /// <summary>Rows of <c>task_spans</c>: runs stored before blobs only.</summary>
    public List<TaskSpanRecord> Spans { get; set; } = [];
}
