namespace Dashboard.Web.Storage.Entities;

/// <summary>
/// One row of <c>task_spans</c>: one task's bar. Run, strategy and repetition come from the
/// owning <see cref="StrategyResultRecord"/>; keeping them off this row keeps the largest table small.
/// </summary>
public sealed class TaskSpanRecord
{
    public long Id { get; set; }

    public long StrategyResultId { get; set; }

    public int Task { get; set; }

    public int LaneProcess { get; set; }

    public int LaneThread { get; set; }

    /// <summary>Seconds since the repetition started.</summary>
    public double StartSeconds { get; set; }

    public double EndSeconds { get; set; }

    /// <summary>ok, failed or cancelled.</summary>
    public string Status { get; set; } = "";

    public string? Detail { get; set; }

    /// <summary>The lab node (silo name) that ran the task: cluster strategy only, null elsewhere.</summary>
    public string? Node { get; set; }

    /// <summary>Thread ids the task ran on, in order, comma separated ("17,23,17"); null when not recorded.</summary>
    public string? Threads { get; set; }

    /// <summary>Seconds on a core (<see cref="Dashboard.Engine.Running.TaskSpan.Cpu"/>); null when not measured.</summary>
    public double? CpuSeconds { get; set; }

    /// <summary>Seconds runnable but not running (<see cref="Dashboard.Engine.Running.TaskSpan.Ready"/>); null when not measured.</summary>
    public double? ReadySeconds { get; set; }

    /// <summary>Seconds between processes outside the span; null in process.</summary>
    public double? TransferSeconds { get; set; }

    /// <summary>The task's segments when it moved between threads, "thread:start:end;..." (<see cref="TaskSegments"/>); null otherwise.</summary>
    public string? Segments { get; set; }
}
